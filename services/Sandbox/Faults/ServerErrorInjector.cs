using BillingOne.Sandbox.Domain;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Faults;

/// <summary>
/// Decides which vendor API requests fail. One <see cref="Random"/> seeded from the demo data's seed, drawn under a lock
/// once per request, so a given order of requests always fails at the same places.
/// </summary>
public sealed class ServerErrorInjector(IOptions<FaultOptions> faults, IOptions<DemoDataOptions> demoData)
{
    private const int SeedOffset = 0xFA17;
    private readonly Random random = new(unchecked(demoData.Value.Seed + SeedOffset));
    private readonly Lock gate = new();

    public double Rate => faults.Value.ServerErrorRate;

    public bool ShouldFail()
    {
        if (Rate <= 0)
        {
            return false;
        }
        lock (gate)
        {
            return random.NextDouble() < Rate;
        }
    }
}

public static partial class ServerErrorEndpointFilter
{
    /// <summary>
    /// Answers 503 with a problem body for the injector's share of requests. Runs as an endpoint filter, after
    /// authentication and the rate limit, so a refused token or an exhausted window answers as before.
    /// </summary>
    public static TBuilder WithInjectedServerErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            var injector = services.GetRequiredService<ServerErrorInjector>();
            if (!injector.ShouldFail())
            {
                return await next(context);
            }
            LogInjected(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServerErrorEndpointFilter)),
                context.HttpContext.Request.Path);
            return Results.Problem(
                $"The sandbox failed this request on purpose ({FaultOptions.Section}:ServerErrorRate is {injector.Rate}); retry it.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox injected a 503 for {Path}")]
    private static partial void LogInjected(ILogger logger, string path);
}
