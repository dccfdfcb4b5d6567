using BillingOne.BuildingBlocks.Security;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>The <c>Idempotency-Key</c> header: its name, its form and the operations it applies to.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on an answer replayed from the first request with the key.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <summary>Stripe's limit; long enough for a UUID or any caller's own operation id.</summary>
    public const int MaxLength = 255;

    public static readonly string Description =
        $"Makes a retry safe: a repeated request with the same key (at most {MaxLength} printable ASCII characters, " +
        "e.g. a UUID) from the same caller returns the first answer without doing the work again, with the header " +
        $"`{ReplayedHeaderName}: true`. Keys are kept 24 hours. The same key with another method, path or body is " +
        "refused with 422; while the first request with the key is still running, a repeat answers 409. Answers " +
        "with a 5xx status are not kept, so a retry runs again.";

    /// <summary>
    /// Whether requests to an endpoint honour the header: mutating methods on the public API. Anonymous endpoints
    /// have no caller to scope a key by; gateway-only endpoints (<see cref="Policies.Internal"/>) and gRPC methods
    /// are not the public REST API. Endpoints whose body holds a password (<see cref="WithPasswordInBody"/>) ignore it:
    /// the key's fingerprint keeps a fast hash of the body, which a copy of the database could test guesses against.
    /// </summary>
    public static bool AppliesTo(string? method, IEnumerable<object> endpointMetadata) =>
        method is not null
        && (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method)
            || HttpMethods.IsDelete(method))
        && !endpointMetadata.OfType<IAllowAnonymous>().Any()
        && !endpointMetadata.OfType<GrpcMethodMetadata>().Any()
        && !endpointMetadata.OfType<PasswordInBodyMetadata>().Any()
        && endpointMetadata.OfType<IAuthorizeData>().Select(data => data.Policy).LastOrDefault(name => name is not null)
            != Policies.Internal;

    /// <summary>Why <paramref name="key"/> is not an acceptable key; null when it is.</summary>
    public static string? Problem(string key) => key switch
    {
        "" => $"{HeaderName} must not be empty.",
        { Length: > MaxLength } => $"{HeaderName} must be at most {MaxLength} characters.",
        _ when key.Any(c => c is < ' ' or > '~') =>
            $"{HeaderName} must contain only printable ASCII characters (no control characters).",
        _ => null,
    };

    /// <summary>The OpenAPI extension (true) on an operation that takes no key because its body holds a password.</summary>
    public const string PasswordInBodyExtension = "x-billingone-password-in-body";

    /// <summary>Marks an endpoint whose request body holds a password: it takes no Idempotency-Key.</summary>
    public static TBuilder WithPasswordInBody<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PasswordInBodyMetadata());
}

/// <summary>See <see cref="IdempotencyKey.WithPasswordInBody"/>.</summary>
public sealed class PasswordInBodyMetadata;
