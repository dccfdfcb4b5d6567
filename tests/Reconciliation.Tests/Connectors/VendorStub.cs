using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.Reconciliation.Tests.Connectors;

/// <summary>A WireMock server standing in for one RMM vendor: its token endpoint and its JSON pages.</summary>
public sealed class VendorStub : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;

    /// <summary>Answers every token request with <paramref name="token"/>, or in turn with each of several tokens.</summary>
    public void IssueTokens(string tokenPath, int expiresInSeconds, params string[] tokens)
    {
        for (var index = 0; index < tokens.Length; index++)
        {
            var request = Server.Given(Request.Create().WithPath(tokenPath).UsingPost());
            if (tokens.Length > 1)
            {
                var inScenario = request.InScenario("tokens");
                request = (index == 0 ? inScenario : inScenario.WhenStateIs($"issued-{index}"))
                    .WillSetStateTo($"issued-{index + 1}");
            }
            request.RespondWith(Json($$"""{"access_token":"{{tokens[index]}}","token_type":"Bearer","expires_in":{{expiresInSeconds}}}"""));
        }
    }

    public static IResponseBuilder Json(string body, int statusCode = 200) =>
        Response.Create().WithStatusCode(statusCode).WithHeader("Content-Type", "application/json").WithBody(body);

    public int RequestsTo(string path) => Server.LogEntries.Count(entry => entry.RequestMessage.Path == path);

    public void Dispose() => Server.Stop();
}
