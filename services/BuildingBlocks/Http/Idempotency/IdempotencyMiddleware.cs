using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>
/// Stripe's <c>Idempotency-Key</c> semantics for every mutating endpoint of a service (see
/// <see cref="IdempotencyKey.AppliesTo"/>): the first request with a key runs and its answer is kept; a repeat of the
/// same request replays that answer without running again; another request with the key is refused (422), and a
/// repeat while the first still runs answers 409. Runs after authorization, so a key is scoped by the validated
/// caller and refused callers never reserve one.
/// </summary>
internal sealed class IdempotencyMiddleware(
    RequestDelegate next,
    IdempotentRequestStore store,
    IProblemDetailsService problems,
    TimeProvider time,
    IOptions<IdempotencyOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var values)
            || context.GetEndpoint() is not { } endpoint
            || !IdempotencyKey.AppliesTo(request.Method, endpoint.Metadata)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var invalid = values.Count > 1
            ? $"{IdempotencyKey.HeaderName} must be sent once."
            : IdempotencyKey.Problem(values.ToString());
        if (invalid is not null)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "The Idempotency-Key header is not valid.",
                invalid);
            return;
        }

        var caller = context.RequestServices.GetRequiredService<IActorContext>();
        var scope = new IdempotencyScope(caller.OrgId, caller.ActorId, values.ToString());
        // Read before reserving: a body over the endpoint's limit fails here with its 413, holding no key.
        var fingerprint = new RequestFingerprint(request.Method,
            $"{request.PathBase}{request.Path}{request.QueryString}", await HashBodyAsync(request, context.RequestAborted));

        switch (await store.ReserveAsync(scope, fingerprint, time.GetUtcNow(), context.RequestAborted))
        {
            case Reservation.Replay replay:
                await ReplayAsync(context, replay.Response);
                return;
            case Reservation.Mismatch:
                await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity,
                    "The Idempotency-Key was used for another request.",
                    $"{IdempotencyKey.HeaderName} was first sent with another method, path or body; use a new key " +
                    "for a new request.");
                return;
            case Reservation.InFlight:
                context.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context, StatusCodes.Status409Conflict,
                    "A request with this Idempotency-Key is still running.",
                    $"Retry once it has finished: the repeat then returns its answer.");
                return;
        }

        await RunAndKeepAsync(context, scope);
    }

    private async Task RunAndKeepAsync(HttpContext context, IdempotencyScope scope)
    {
        var originalBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var capture = new ResponseCaptureStream(originalBody.Stream, options.Value.MaxStoredResponseBytes);
        var captureBody = new StreamResponseBodyFeature(capture, originalBody);
        context.Features.Set<IHttpResponseBodyFeature>(captureBody);
        try
        {
            await next(context);
            // Writes through the body's PipeWriter wait in it until flushed; nothing may be left there.
            await captureBody.Writer.FlushAsync(context.RequestAborted);
        }
        catch
        {
            // The work may not have happened: a retry must be able to run it.
            await store.ReleaseAsync(scope, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Features.Set(originalBody);
        }

        var response = context.Response;
        if (IsKept(response.StatusCode) && !capture.Overflowed)
        {
            await store.CompleteAsync(scope, new StoredResponse(response.StatusCode, response.ContentType,
                response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, capture.Captured),
                CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(scope, CancellationToken.None);
        }
    }

    /// <summary>
    /// Answers the handler gave are kept, including its refusals (Stripe keeps 4xx validation answers too); server
    /// errors are not, so a retry can succeed, nor the answers about the caller rather than the request.
    /// </summary>
    private static bool IsKept(int status) => status < 500
        && status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            or StatusCodes.Status408RequestTimeout or StatusCodes.Status429TooManyRequests);

    private static async Task<byte[]> HashBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Buffered in memory up to a small threshold and in a temporary file beyond it, so even an ingest batch
        // costs no more memory; the handler then reads the same body again from the start.
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, cancellationToken);
        request.Body.Position = 0;
        return hash;
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        response.Headers[IdempotencyKey.ReplayedHeaderName] = "true";
        if (stored.ContentType is not null)
        {
            response.ContentType = stored.ContentType;
        }
        if (stored.Location is not null)
        {
            response.Headers[HeaderNames.Location] = stored.Location;
        }
        if (stored.Body.Length > 0)
        {
            response.ContentLength = stored.Body.Length;
            await response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    private Task WriteProblemAsync(HttpContext context, int status, string title, string error)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [IdempotencyKey.HeaderName] = [error],
            })
            {
                Status = status,
                Title = title,
                Detail = error,
            },
        }).AsTask();
    }
}
