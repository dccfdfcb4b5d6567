using System.IO.Compression;
using System.Text;
using BillingOne.Metering.Apis;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Export;

[Trait("Category", "Unit")]
public sealed class BillingCsvTests
{
    private static readonly BillingMonth October = new(2026, 10);

    [Fact]
    public void One_billing_type_is_one_csv_with_amounts_in_the_currencys_minor_units()
    {
        var file = BillingCsv.Export(October,
        [
            Line("JPY", 1199.6m, sourceType: "RMM"),
            Line("KWD", 12.3456m, sourceType: "rmm"),
        ]);

        (file.FileName, file.ContentType).ShouldBe(("billing-readings-2026-10-rmm.csv", "text/csv"));
        var rows = Rows(file.Content);
        rows[0].ShouldBe(string.Join(',', BillingCsv.Header));
        rows[1].Split(',')[19..21].ShouldBe(["1200", "JPY"]);
        rows[2].Split(',')[19..21].ShouldBe(["12.346", "KWD"]);
    }

    [Fact]
    public void Negative_adjustments_stay_numbers_while_formula_like_names_are_escaped()
    {
        var file = BillingCsv.Export(October, [Line("AUD", -60m, clientName: "=HYPERLINK(\"x\")", usage: -10m)]);

        var fields = Rows(file.Content)[1];
        fields.ShouldContain(",-60.00,AUD,");
        fields.ShouldContain(",-10,");
        fields.ShouldNotContain(",=HYPERLINK");
    }

    [Fact]
    public void Several_billing_types_are_a_zip_of_one_csv_each_with_distinct_names()
    {
        var file = BillingCsv.Export(October,
        [
            Line("AUD", 1m, sourceType: null),
            Line("AUD", 2m, sourceType: "rmm agent"),
            Line("AUD", 3m, sourceType: "rmm-agent!"),
        ]);

        (file.FileName, file.ContentType).ShouldBe(("billing-readings-2026-10.zip", "application/zip"));
        using var archive = new ZipArchive(new MemoryStream(file.Content));
        archive.Entries.Select(entry => entry.Name).ShouldBe(
        [
            "billing-readings-2026-10-any-source.csv",
            "billing-readings-2026-10-rmm-agent.csv",
            "billing-readings-2026-10-rmm-agent-2.csv",
        ]);
    }

    [Theory]
    [InlineData("NinjaOne", "ninjaone")]
    [InlineData("  datto / rmm ", "datto-rmm")]
    [InlineData("../../etc", "etc")]
    [InlineData("日本", "other")]
    public void File_names_keep_letters_and_digits_only(string billingType, string expected) =>
        BillingCsv.FileNamePart(billingType).ShouldBe(expected);

    private static BillingLineView Line(string currency, decimal cost, string? sourceType = "rmm",
        string clientName = "Harbour Dental", decimal usage = 1m) => new(Guid.NewGuid(), Guid.NewGuid(),
        usage < 0 ? "adjustment" : "reading", Guid.NewGuid(), clientName, Guid.NewGuid(), "Backup", sourceType,
        "backup-gb", "sum", October, new DateTimeOffset(2026, 9, 30, 14, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 10, 31, 13, 0, 0, TimeSpan.Zero), usage < 0 ? new BillingMonth(2026, 8) : null, usage,
        100m, 0m, 0m, 0m, 0m, 0m, cost, currency, "draft", null);

    private static string[] Rows(byte[] content) =>
        new StreamReader(new MemoryStream(content), Encoding.UTF8).ReadToEnd()
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}
