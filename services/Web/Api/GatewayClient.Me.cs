namespace BillingOne.Web.Api;

/// <summary>The signed-in user's own account (Settings → Profile, Security and Sessions).</summary>
public sealed partial class GatewayClient
{
    public const string MePath = "api/identity/me";
    public const string MySessionsPath = $"{MePath}/sessions";

    public Task<MyProfile> GetMyProfileAsync(CancellationToken cancellationToken) =>
        SendAsync<MyProfile>(() => new HttpRequestMessage(HttpMethod.Get, MePath), cancellationToken);

    public Task<MyProfile> UpdateMyProfileAsync(UpdateMyProfileRequest change, CancellationToken cancellationToken) =>
        SendAsync<MyProfile>(() => new HttpRequestMessage(HttpMethod.Patch, MePath) { Content = Json(change) },
            cancellationToken);

    public Task<SessionsEnded> ChangeMyPasswordAsync(ChangePasswordRequest change, CancellationToken cancellationToken) =>
        SendAsync<SessionsEnded>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{MePath}/password") { Content = Json(change) },
            cancellationToken);

    public Task<IReadOnlyList<MySession>> GetMySessionsAsync(CancellationToken cancellationToken) =>
        GetListAsync<MySession>(MySessionsPath, cancellationToken);

    public Task EndMySessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"{MySessionsPath}/{sessionId}"),
            cancellationToken);

    public Task<SessionsEnded> EndMyOtherSessionsAsync(CancellationToken cancellationToken) =>
        SendAsync<SessionsEnded>(() => new HttpRequestMessage(HttpMethod.Post, $"{MySessionsPath}/end-others"),
            cancellationToken);
}
