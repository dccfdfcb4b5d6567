using System.Text;
using BillingOne.Reconciliation.Apis;

namespace BillingOne.Reconciliation.Tests.Api;

[Trait("Category", "Unit")]
public sealed class ReconciliationCsvTests
{
    [Fact]
    public void Negative_variances_stay_numbers_and_typed_names_open_as_text()
    {
        var clientId = Guid.Parse("0199a000-0000-7000-8000-00000000000c");
        var csv = Encoding.UTF8.GetString(ReconciliationCsv.Write([new ClientReconciliationResponse(clientId,
            "=Charlie", 3, 5, -2, "over-licensed", new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), "AUD", 10.00m,
            0.00m)])).TrimStart('\uFEFF');

        csv.Split("\r\n")[1].ShouldBe($"{clientId},\"'=Charlie\",3,5,-2,over-licensed,2026-12-01,AUD,10.00,0.00");
    }
}
