using System.ComponentModel;
using System.Globalization;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using BillingOne.Metering.Retention;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

public sealed record ReadingRetentionFields(
    [property: Description("Whole months of raw readings kept before the current month (14–1200); null keeps every month.")]
    int? KeepMonths,
    [property: Description("Months after archiving that an archive is dropped (1–1200); null keeps archives. Needs keepMonths.")]
    int? DropArchivedAfterMonths);

public sealed record ReadingRetentionResponse(int? KeepMonths, int? DropArchivedAfterMonths)
{
    public static ReadingRetentionResponse From(ReadingRetention retention) =>
        new(retention.KeepMonths, retention.DropArchivedAfterMonths);
}

/// <summary>A month of raw readings archived or dropped, as "yyyy-MM", with its archive table.</summary>
public sealed record ArchivedMonthResponse(string Month, string Table);

public sealed record ArchivePassResponse(IReadOnlyList<ArchivedMonthResponse> Archived,
    IReadOnlyList<ArchivedMonthResponse> Dropped);

/// <summary>
/// How long the organization keeps raw readings, and archiving on demand. Archiving is otherwise daily; both only
/// archive months every organization with readings in them allows, with no billing period in or beside them left open.
/// </summary>
public static class ReadingRetentionApi
{
    private const string Path = "/api/metering/reading-retention";

    public static IEndpointRouteBuilder MapReadingRetentionApi(this IEndpointRouteBuilder app)
    {
        var retention = app.MapGroup(Path).WithTags("Retention");
        retention.MapGet("/", GetRetention)
            .RequireAuthorization(Policies.Read)
            .WithName("GetReadingRetention")
            .WithSummary("How long raw readings are kept");
        retention.MapPut("/", SaveRetention)
            .RequireAuthorization(Policies.Admin)
            .WithName("SaveReadingRetention")
            .WithSummary("Change how long raw readings are kept")
            .WithDescription("Both members are read; null keeps every month (the default) or every archive. A month is " +
                "archived once keepMonths whole months lie between its end and the current month, and only when " +
                "every organization with readings in it allows it.")
            .ProducesJsonBodyProblems();
        retention.MapPost("/archive-runs", RunArchive)
            .RequireAuthorization(Policies.Admin)
            .WithName("RunReadingArchive")
            .WithSummary("Archive the months the retentions allow now")
            .WithDescription("Runs the daily archive pass at once; answers the months of this organization's readings " +
                "it archived or whose archives it dropped.");
        return app;
    }

    public static async Task<Ok<ReadingRetentionResponse>> GetRetention(ReadingRetentionStore retention,
        IOrganizationContext organization, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReadingRetentionResponse.From(await retention.GetAsync(organization.OrgId, cancellationToken)));

    public static async Task<Results<Ok<ReadingRetentionResponse>, ValidationProblem>> SaveRetention(
        ReadingRetentionFields request, ReadingRetentionStore retention, IActorContext caller, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = ReadingRetention.Create(request.KeepMonths, request.DropArchivedAfterMonths, errors);
        if (valid is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The reading retention is not valid.");
        }
        var saved = await retention.SaveAsync(caller.OrgId, valid, caller.ActorId, audit, cancellationToken);
        return TypedResults.Ok(ReadingRetentionResponse.From(saved));
    }

    public static async Task<Ok<ArchivePassResponse>> RunArchive(RawReadingArchiver archiver, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var pass = await archiver.ArchiveDueAsync(cancellationToken);
        return TypedResults.Ok(new ArchivePassResponse(Mine(pass.Archived), Mine(pass.Dropped)));

        List<ArchivedMonthResponse> Mine(IReadOnlyList<ArchivedMonth> months) => months
            .Where(month => month.OrgIds.Contains(caller.OrgId))
            .Select(month => new ArchivedMonthResponse(month.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                month.Table))
            .ToList();
    }
}
