using BillingOne.BuildingBlocks.Paging;
using BillingOne.Metering.Domain;
using SortDirection = BillingOne.BuildingBlocks.Paging.SortDirection;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class AssetQueryTests
{
    private static AssetQuery? Parse(Dictionary<string, string[]> errors, string? view = null, string? search = null,
        string? clientId = null, string? source = null, string? enabled = null, string? sort = null,
        string? direction = null, int? page = null, int? pageSize = null) =>
        AssetQuery.Parse(view, search, clientId, source, enabled, sort, direction, page, pageSize, errors);

    [Fact]
    public void Defaults_list_every_asset_not_disregarded_latest_seen_first()
    {
        var query = Parse([]);

        query.ShouldBe(new AssetQuery(AssetView.All, null, null, null, null, AssetSortField.LastSeen,
            SortDirection.Descending, PageRequest.First));
    }

    [Theory]
    [InlineData("unassigned", AssetView.Unassigned)]
    [InlineData("UNBOUND", AssetView.Unbound)]
    [InlineData("new", AssetView.New)]
    [InlineData(" disregarded ", AssetView.Disregarded)]
    public void Views_are_read_by_name_in_any_case(string view, AssetView expected) =>
        Parse([], view: view)!.View.ShouldBe(expected);

    [Theory]
    [InlineData("externalId", AssetSortField.ExternalId, SortDirection.Ascending)]
    [InlineData("source", AssetSortField.Source, SortDirection.Ascending)]
    [InlineData("client", AssetSortField.Client, SortDirection.Ascending)]
    [InlineData("firstSeen", AssetSortField.FirstSeen, SortDirection.Descending)]
    [InlineData("created", AssetSortField.Created, SortDirection.Descending)]
    public void Text_sorts_default_to_ascending_and_instants_to_descending(string sort, AssetSortField field,
        SortDirection direction)
    {
        var query = Parse([], sort: sort)!;

        (query.Sort, query.Direction).ShouldBe((field, direction));
    }

    [Fact]
    public void Filters_are_trimmed_and_parsed()
    {
        var client = Guid.NewGuid();

        var query = Parse([], search: "  srv  ", clientId: $" {client} ", source: " veeam ", enabled: "FALSE",
            direction: "asc", page: 3, pageSize: 20)!;

        (query.Search, query.ClientId, query.Source, query.Enabled).ShouldBe(("srv", client, "veeam", false));
        query.Direction.ShouldBe(SortDirection.Ascending);
        query.Page.ShouldBe(new PageRequest(3, 20));
    }

    public static TheoryData<string, string> InvalidParameters => new()
    {
        { "view", "archived" },
        { "search", new string('s', 201) },
        { "clientId", "client-1" },
        { "source", new string('s', 257) },
        { "enabled", "yes" },
        { "sort", "name" },
        { "direction", "up" },
    };

    [Theory]
    [MemberData(nameof(InvalidParameters))]
    public void An_invalid_parameter_is_reported_under_its_name(string parameter, string value)
    {
        var errors = new Dictionary<string, string[]>();
        var values = new Dictionary<string, string> { [parameter] = value };

        Parse(errors, values.GetValueOrDefault("view"), values.GetValueOrDefault("search"),
            values.GetValueOrDefault("clientId"), values.GetValueOrDefault("source"), values.GetValueOrDefault("enabled"),
            values.GetValueOrDefault("sort"), values.GetValueOrDefault("direction")).ShouldBeNull();

        errors.Keys.ShouldBe([parameter]);
    }

    [Fact]
    public void Paging_errors_come_with_the_others()
    {
        var errors = new Dictionary<string, string[]>();

        Parse(errors, view: "old", page: 0, pageSize: 500).ShouldBeNull();

        errors.Keys.Order().ShouldBe(["page", "pageSize", "view"]);
    }
}
