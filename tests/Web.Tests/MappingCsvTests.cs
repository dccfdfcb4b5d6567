using System.Text;
using BillingOne.Web.Api;
using BillingOne.Web.ClientMappings;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class MappingCsvTests
{
    private static readonly Guid ContosoId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");

    [Fact]
    public async Task Writes_the_import_columns_first_then_the_mapping_and_the_best_suggestion()
    {
        VendorMapping[] mappings =
        [
            new("pax8", "pax8-c2", "Northwind Traders", null, ContosoId, "Contoso", "manual", null,
                new DateTimeOffset(2025, 3, 1, 8, 15, 0, TimeSpan.Zero), []),
            new("pax8", "pax8-c1", "=Fabrikam", null, null, null, null, null, null,
                [new(ContosoId, "Contoso", 0.41m), new(ContosoId, "Contoso Group", 0.875m)]),
        ];
        using var file = new MemoryStream();

        await MappingCsv.WriteAsync(mappings, file, CancellationToken.None);

        Encoding.UTF8.GetString(file.ToArray()).TrimStart('\uFEFF').ShouldBe(
            "vendor,vendor_id,client,name,method,mapped_at,suggestion,suggestion_score\r\n" +
            "pax8,pax8-c2,Contoso,Northwind Traders,manual,2025-03-01T08:15:00Z,,\r\n" +
            "pax8,pax8-c1,,\"'=Fabrikam\",,,Contoso Group,0.875\r\n");
    }

    [Theory]
    [InlineData(0.874, "87 %")]
    [InlineData(0.875, "88 %")]
    [InlineData(1, "100 %")]
    public void A_similarity_reads_as_a_whole_percentage(decimal score, string text) =>
        MappingOutcomes.Percent(score).ShouldBe(text);
}
