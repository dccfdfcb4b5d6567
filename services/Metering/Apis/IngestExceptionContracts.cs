using System.ComponentModel;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

public sealed record IngestExceptionListParameters(
    [property: Description("Part of the reading id or of either reading's asset external id (any case).")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Only this client's exceptions (the client of the kept reading's asset).")]
    [FromQuery(Name = "clientId")] string? ClientId);

/// <summary>A reading's payload: everything but its id.</summary>
public sealed record IngestedReadingPayload(
    string AssetSource,
    string AssetExternalId,
    string UnitTypeKey,
    decimal Quantity,
    DateTimeOffset ObservedAt,
    string? Description)
{
    public static IngestedReadingPayload From(AcceptedReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new(reading.AssetSource, reading.AssetExternalId, reading.UnitTypeKey, reading.Quantity,
            reading.ObservedAt, reading.Description);
    }
}

/// <summary>
/// A reading refused after its ingest call answered "accepted": it repeated a stored reading's id with another
/// payload. The kept reading stays stored and billed.
/// </summary>
public sealed record IngestExceptionResponse(
    Guid Id,
    [property: Description("conflict: the id of a stored reading with another payload.")] string Kind,
    string ReadingId,
    [property: Description("The client of the kept reading's asset; null when unassigned.")] Guid? ClientId,
    [property: Description("Null while metering does not know the client.")] string? ClientName,
    [property: Description("The API key (or user) that sent the refused reading.")] Guid SentBy,
    [property: Description("The ingest call that carried the refused reading (its answer's batchId).")] Guid BatchId,
    [property: Description("When that call was accepted.")] DateTimeOffset ReceivedAt,
    [property: Description("When metering found the conflict, on storing the call's readings.")] DateTimeOffset DetectedAt,
    [property: Description("The payload fields in which the refused reading differs from the kept one: assetSource, " +
        "assetExternalId, unitTypeKey, quantity, observedAt, description.")]
    IReadOnlyList<string> Differences,
    [property: Description("The reading stored under the id, the one billed.")] IngestedReadingPayload Kept,
    [property: Description("The ingest call that brought the kept reading.")] Guid KeptBatchId,
    DateTimeOffset KeptReceivedAt,
    [property: Description("The refused reading as it was sent; not stored, not billed.")] IngestedReadingPayload Sent)
{
    public static IngestExceptionResponse From(IngestExceptionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var conflict = view.Conflict;
        return new(conflict.Id, IngestConflict.Kind, conflict.ReadingId, conflict.ClientId, view.ClientName,
            conflict.SentBy, conflict.BatchId, conflict.ReceivedAt, conflict.DetectedAt, conflict.Differences,
            IngestedReadingPayload.From(conflict.Kept), conflict.KeptBatchId, conflict.KeptReceivedAt,
            IngestedReadingPayload.From(conflict.Sent));
    }
}
