using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BillingOne.BuildingBlocks.Http;

/// <summary>
/// What the endpoints of every service share: how lists page, and the answers to bodies and list queries that are
/// not valid.
/// </summary>
public static class EndpointConventions
{
    /// <summary>How every list's description ends: its paging.</summary>
    public static readonly string PagingDescription =
        $"`page` starts at 1; `pageSize` is 1–{PageRequest.MaxPageSize} (default {PageRequest.DefaultPageSize}).";

    /// <summary>
    /// The group's list: <c>GET /</c> for readers (or the stricter <paramref name="policy"/>), described by
    /// <paramref name="description"/> and then <see cref="PagingDescription"/>.
    /// </summary>
    public static RouteHandlerBuilder MapList(this IEndpointRouteBuilder group, Delegate handler, string name,
        string summary, string description, string policy = Policies.Read) => group.MapGet("/", handler)
        .RequireAuthorization(policy)
        .WithName(name)
        .WithSummary(summary)
        .WithDescription($"{description} {PagingDescription}");

    /// <summary>
    /// One item of the group: <c>GET /{id}</c> for readers (or the stricter <paramref name="policy"/>), 404 when the
    /// caller can see none.
    /// </summary>
    public static RouteHandlerBuilder MapItem(this IEndpointRouteBuilder group, Delegate handler, string name,
        string summary, string policy = Policies.Read) => group.MapGet("/{id:guid}", handler)
        .RequireAuthorization(policy)
        .WithName(name)
        .WithSummary(summary)
        .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Documents the errors every JSON-body endpoint can answer before the handler runs.</summary>
    public static RouteHandlerBuilder ProducesJsonBodyProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The answer to a list's query parameters that are not valid, the same on every list.</summary>
    public static ValidationProblem InvalidListQuery(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The list query is not valid.");

    /// <summary>
    /// A list's query from its parameters (<paramref name="parse"/> adds what is wrong to the errors and answers null);
    /// false, with the answer saying what is wrong, when they are not valid.
    /// </summary>
    public static bool TryParseListQuery<TQuery>(Func<Dictionary<string, string[]>, TQuery?> parse,
        [NotNullWhen(true)] out TQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid)
        where TQuery : class
    {
        var errors = new Dictionary<string, string[]>();
        query = parse(errors);
        invalid = query is null ? InvalidListQuery(errors) : null;
        return query is not null;
    }

    /// <summary>
    /// The page a list's <c>page</c> and <c>pageSize</c> ask for; false, with the answer saying what is wrong, when
    /// they are not valid.
    /// </summary>
    public static bool TryParsePage(int? page, int? pageSize, out PageRequest request,
        [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        var errors = new Dictionary<string, string[]>();
        request = PageRequest.Parse(page, pageSize, errors);
        invalid = errors.Count > 0 ? InvalidListQuery(errors) : null;
        return invalid is null;
    }
}

/// <summary>The query parameters of a list that only pages.</summary>
public sealed record PageParameters(
    [property: Description("1-based page number (default 1).")]
    [FromQuery(Name = "page")] int? Page,
    [property: Description("Rows per page, 1–200 (default 50).")]
    [FromQuery(Name = "pageSize")] int? PageSize);
