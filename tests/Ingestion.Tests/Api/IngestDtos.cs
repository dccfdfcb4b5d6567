namespace BillingOne.Ingestion.Tests.Api;

/// <summary>The ingest answer as a client reads it, declared here so the tests check the wire format.</summary>
public sealed record IngestResponseDto(Guid? BatchId, int Accepted, int Duplicates, int Conflicts, int Rejected,
    int Suppressed, List<OutcomeDto> Outcomes);

public sealed record OutcomeDto(int Position, string? Id, string Status, string? Reason);
