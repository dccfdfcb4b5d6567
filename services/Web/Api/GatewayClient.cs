using System.Text.Json;
using Polly;

namespace BillingOne.Web.Api;

/// <summary>
/// Typed client of the gateway's HTTP API (base address <c>http://gateway</c>, resolved by service discovery).
/// Every failure, whether an error answer or an unreachable gateway, surfaces as <see cref="ApiProblemException"/>
/// so pages have one thing to catch and show.
/// </summary>
public sealed class GatewayClient(HttpClient http, ILogger<GatewayClient> logger)
{
    public const string CreateClientPath = "api/subscription/clients";

    public Task<ClientPage> GetClientsAsync(ClientListQuery query, CancellationToken cancellationToken) =>
        SendAsync<ClientPage>(() => new HttpRequestMessage(HttpMethod.Get, query.ToRequestUri()), cancellationToken);

    public Task<CreatedClient> CreateClientAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<CreatedClient>(
            () => new HttpRequestMessage(HttpMethod.Post, CreateClientPath)
            {
                Content = JsonContent.Create(new CreateClientRequest(name), options: JsonSerializerOptions.Web),
            },
            cancellationToken);

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Gateway call {Method} {Uri} failed", request.Method, request.RequestUri);
            throw new ApiProblemException(ApiProblem.Unreachable(exception.Message), exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ApiProblem.FromResponseAsync(response, cancellationToken);
                logger.LogWarning(
                    "Gateway call {Method} {Uri} answered {StatusCode}: {Title}",
                    request.Method, request.RequestUri, (int)response.StatusCode, problem.Title);
                throw new ApiProblemException(problem);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken)
                    ?? throw new JsonException("The body was empty.");
            }
            catch (JsonException exception)
            {
                // A contract mismatch between the UI and a service: say so instead of crashing the circuit.
                logger.LogError(exception, "Gateway call {Method} {Uri} answered an unreadable body", request.Method, request.RequestUri);
                throw new ApiProblemException(
                    new ApiProblem("The server's answer could not be read.", exception.Message, (int)response.StatusCode,
                        new Dictionary<string, string[]>()),
                    exception);
            }
        }
    }

    /// <summary>
    /// Connection failures, timeouts (HttpClient's or the resilience pipeline's) and an open circuit breaker;
    /// not the caller giving up, which must stay a cancellation.
    /// </summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
