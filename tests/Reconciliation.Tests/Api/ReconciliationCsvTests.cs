using System.Text;
using BillingOne.Reconciliation.Apis;

namespace BillingOne.Reconciliation.Tests.Api;

[Trait("Category", "Unit")]
public sealed class ReconciliationCsvTests
{
    private static readonly Guid ClientId = Guid.Parse("0199a000-0000-7000-8000-00000000000c");
    private static readonly Guid ServerBackup = Guid.Parse("0199a000-0000-7000-8000-0000000000a4");
    private static readonly Guid Microsoft365 = Guid.Parse("0199a000-0000-7000-8000-0000000000a5");

    [Fact]
    public void Negative_variances_stay_numbers_and_typed_names_open_as_text()
    {
        var csv = Encoding.UTF8.GetString(ReconciliationCsv.Write([Charlie([])])).TrimStart('\uFEFF');

        csv.Split("\r\n")[1].ShouldBe($"{ClientId},\"'=Charlie\",3,5,-2,over-licensed,2026-12-01,AUD,10.00,0.00");
    }

    [Fact]
    public void The_product_export_has_a_row_per_covering_product_with_its_own_figures()
    {
        var csv = Encoding.UTF8.GetString(ReconciliationCsv.WriteProducts([Charlie(
        [
            new ProductCoverageResponse(ServerBackup, "Server backup", "servers", 3, 5, -2, "over-licensed", 38.00m, "AUD"),
            new ProductCoverageResponse(Microsoft365, "Microsoft 365", "users", null, 12, null, "not-compared", 9.90m, "AUD"),
        ])])).TrimStart('\uFEFF');

        csv.Split("\r\n").ShouldBe(
        [
            string.Join(',', ReconciliationCsv.ProductHeader),
            $"{ClientId},\"'=Charlie\",over-licensed,{ServerBackup},Server backup,servers,3,5,-2,over-licensed,38.00,AUD,2026-12-01",
            $"{ClientId},\"'=Charlie\",over-licensed,{Microsoft365},Microsoft 365,users,,12,,not-compared,9.90,AUD,2026-12-01",
            "",
        ]);
    }

    private static ClientReconciliationResponse Charlie(IReadOnlyList<ProductCoverageResponse> products) => new(ClientId,
        "=Charlie", 3, 5, -2, "over-licensed", new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), "AUD", 10.00m,
        0.00m, products);
}
