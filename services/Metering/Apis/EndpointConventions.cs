namespace BillingOne.Metering.Apis;

public static class EndpointConventions
{
    /// <summary>Documents the errors every JSON-body endpoint can answer before the handler runs.</summary>
    public static RouteHandlerBuilder ProducesJsonBodyProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
