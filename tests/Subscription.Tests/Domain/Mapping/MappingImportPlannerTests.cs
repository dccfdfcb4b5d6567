using BillingOne.Subscription.Domain.Mapping;

namespace BillingOne.Subscription.Tests.Domain.Mapping;

[Trait("Category", "Unit")]
public class MappingImportPlannerTests
{
    private static readonly ClientCandidate Harbourside = new(Guid.NewGuid(), "Harbourside Dental");

    private static readonly HashSet<(string Vendor, string VendorId)> VendorAccounts =
    [
        ("pax8", "aaaa-1"), ("pax8", "aaaa-2"), ("rmm", "17"),
    ];

    private static ClientCandidate? FindClient(string nameOrId) =>
        nameOrId == Harbourside.Name || nameOrId == Harbourside.ClientId.ToString() ? Harbourside : null;

    private static bool VendorAccountExists(string vendor, string vendorId) =>
        VendorAccounts.Contains((vendor, vendorId.ToLowerInvariant()));

    private static MappingImportRow PlanOne(MappingCsvRow row) =>
        MappingImportPlanner.Plan([row], FindClient, VendorAccountExists).ShouldHaveSingleItem();

    [Fact]
    public void A_known_account_and_client_would_be_applied()
    {
        PlanOne(new MappingCsvRow(2, "PAX8", "aaaa-1", "Harbourside Dental")).ShouldBe(new MappingImportRow(
            2, "pax8", "aaaa-1", "Harbourside Dental", Harbourside.ClientId, MappingImportOutcome.Applied,
            "Would map pax8 account 'aaaa-1' to Harbourside Dental."));
    }

    [Fact]
    public void A_client_can_be_given_by_id()
    {
        var planned = PlanOne(new MappingCsvRow(2, "rmm", "17", Harbourside.ClientId.ToString()));

        planned.Outcome.ShouldBe(MappingImportOutcome.Applied);
        planned.ClientId.ShouldBe(Harbourside.ClientId);
    }

    [Fact]
    public void An_unknown_client_is_reported()
    {
        PlanOne(new MappingCsvRow(3, "pax8", "aaaa-1", "Nobody Pty Ltd")).ShouldBe(new MappingImportRow(
            3, "pax8", "aaaa-1", "Nobody Pty Ltd", null, MappingImportOutcome.UnknownClient,
            "No client has the name or id 'Nobody Pty Ltd'."));
    }

    [Fact]
    public void An_unknown_vendor_id_is_reported()
    {
        PlanOne(new MappingCsvRow(4, "rmm", "99", "Harbourside Dental")).ShouldBe(new MappingImportRow(
            4, "rmm", "99", "Harbourside Dental", null, MappingImportOutcome.UnknownVendorId,
            "No rmm account has the id '99'."));
    }

    [Fact]
    public void An_unknown_vendor_is_reported()
    {
        PlanOne(new MappingCsvRow(5, "ninjaone", "17", "Harbourside Dental")).ShouldBe(new MappingImportRow(
            5, "ninjaone", "17", "Harbourside Dental", null, MappingImportOutcome.UnknownVendor,
            "Unknown vendor 'ninjaone': expected one of pax8, rmm, xero, superops, synergy."));
    }

    [Theory]
    [InlineData("", "aaaa-1", "Harbourside Dental", "Missing vendor.")]
    [InlineData("pax8", "", "Harbourside Dental", "Missing vendor_id.")]
    [InlineData("pax8", "aaaa-1", "", "Missing client.")]
    [InlineData("pax8", "", "", "Missing vendor_id and client.")]
    public void A_row_missing_a_value_is_invalid(string vendor, string vendorId, string client, string reason)
    {
        var planned = PlanOne(new MappingCsvRow(6, vendor, vendorId, client));

        planned.Outcome.ShouldBe(MappingImportOutcome.Invalid);
        planned.Reason.ShouldBe(reason);
        planned.ClientId.ShouldBeNull();
    }

    [Fact]
    public void The_first_row_for_a_vendor_account_wins_and_later_ones_are_duplicates()
    {
        MappingCsvRow[] rows =
        [
            new(2, "pax8", "aaaa-1", "Nobody"),
            new(3, "Pax8", "AAAA-1", "Harbourside Dental"),
            new(4, "rmm", "aaaa-1", "Harbourside Dental"),
            new(5, "pax8", "aaaa-2", "Harbourside Dental"),
        ];

        var planned = MappingImportPlanner.Plan(rows, FindClient, VendorAccountExists);

        planned.Select(row => row.Outcome).ShouldBe(
        [
            MappingImportOutcome.UnknownClient, MappingImportOutcome.Duplicate, MappingImportOutcome.UnknownVendorId,
            MappingImportOutcome.Applied,
        ]);
        planned[1].Reason.ShouldBe("Line 2 already maps pax8 account 'AAAA-1'; the first row wins.");
        planned.Select(row => row.LineNumber).ShouldBe([2, 3, 4, 5]);
    }

    [Fact]
    public void A_parsed_file_is_planned_row_by_row()
    {
        var parsed = MappingCsv.Parse(new StringReader(
            "vendor,vendor_id,client\npax8,aaaa-1,Harbourside Dental\npax8,aaaa-1,Harbourside Dental\nrmm,,x\n"));

        MappingImportPlanner.Plan(parsed.Rows, FindClient, VendorAccountExists)
            .Select(row => (row.LineNumber, row.Outcome))
            .ShouldBe(
            [
                (2, MappingImportOutcome.Applied), (3, MappingImportOutcome.Duplicate),
                (4, MappingImportOutcome.Invalid),
            ]);
    }
}
