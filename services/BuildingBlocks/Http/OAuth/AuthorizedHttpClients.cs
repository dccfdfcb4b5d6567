using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace BillingOne.BuildingBlocks.Http.OAuth;

/// <summary>
/// HttpClients for one organization's vendor credentials: the bearer token handler of those credentials over the
/// vendor's named handler pipeline (its resilience handlers, from <see cref="IHttpMessageHandlerFactory"/>). Token
/// sources are kept per credentials, so consecutive syncs of an organization reuse a token until it expires.
/// </summary>
public sealed class AuthorizedHttpClients(IHttpMessageHandlerFactory handlers)
{
    private readonly ConcurrentDictionary<string, AccessTokenSource> tokenSources = new(StringComparer.Ordinal);

    /// <summary>
    /// The token source for <paramref name="tokenUrl"/> and these credentials, created by <paramref name="create"/> the
    /// first time. The secret is part of the key only as a hash.
    /// </summary>
    public TTokenSource TokenSource<TTokenSource>(Uri tokenUrl, string clientId, string clientSecret, Func<TTokenSource> create)
        where TTokenSource : AccessTokenSource
    {
        var secretHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret)));
        var key = $"{typeof(TTokenSource).FullName}|{tokenUrl}|{clientId}|{secretHash}";
        return (TTokenSource)tokenSources.GetOrAdd(key, _ => create());
    }

    /// <summary>A client of <paramref name="baseAddress"/> that authenticates with <paramref name="tokens"/>.</summary>
    public HttpClient Create<TTokenSource>(string pipelineName, TTokenSource tokens, Uri baseAddress)
        where TTokenSource : AccessTokenSource =>
        // Disposing it leaves the pooled pipeline alone: the factory's handlers ignore Dispose and expire on their own.
        new(new BearerTokenHandler<TTokenSource>(tokens) { InnerHandler = handlers.CreateHandler(pipelineName) })
        {
            BaseAddress = baseAddress,
        };
}
