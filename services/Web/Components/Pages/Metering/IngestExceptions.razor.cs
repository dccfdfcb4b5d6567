using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Ingest Exceptions: the readings metering refused after their ingest call was accepted, because they reused an
/// earlier reading's id with a different payload, newest first; searched by reading or asset id, filtered by client
/// and paged (all kept in the address), each with the kept and the refused payload side by side, and the CSV of every
/// one the search and filter match. A client-scoped session gets its client's only, from metering.
/// </summary>
public sealed partial class IngestExceptions()
    : ListAddressComponentBase<IngestException, IngestExceptionQuery>(new IngestExceptionQuery())
{
    private const int Columns = 8;

    protected override Task<PagedList<IngestException>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetIngestExceptionsAsync(Query, cancellationToken);

    private Task SearchAsync(ChangeEventArgs change) =>
        ShowAsync(Query with { Search = FormText.OrNull(change.Value as string) });

    private Task FilterByClientAsync(Guid? clientId) => ShowAsync(Query with { ClientId = clientId });

    private static string WhatDiffers(IngestException exception) =>
        string.Join(", ", exception.Differences.Select(ReadingPayloadFields.Label));
}
