namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>What a backend saw of the request the gateway forwarded to it.</summary>
public sealed record Echo(
    string Service,
    string Method,
    string Path,
    string Query,
    string? CorrelationId,
    string Protocol,
    long BodyBytes,
    string? Authorization,
    string? ApiKey,
    string? IdempotencyKey);
