using System.Net;
using System.Text.Json;

namespace BillingOne.Web.Api;

/// <summary>The signed-in user's own account (Settings → Profile, Security and Sessions).</summary>
public sealed partial class GatewayClient
{
    public const string MePath = "api/identity/me";
    public const string MySessionsPath = $"{MePath}/sessions";
    public const string MyTwoFactorPath = $"{MePath}/two-factor";

    public Task<MyProfile> GetMyProfileAsync(CancellationToken cancellationToken) =>
        SendAsync<MyProfile>(() => new HttpRequestMessage(HttpMethod.Get, MePath), cancellationToken);

    public Task<MyProfile> UpdateMyProfileAsync(UpdateMyProfileRequest change, CancellationToken cancellationToken) =>
        SendAsync<MyProfile>(() => new HttpRequestMessage(HttpMethod.Patch, MePath) { Content = Json(change) },
            cancellationToken);

    public Task<SessionsEnded> ChangeMyPasswordAsync(ChangePasswordRequest change, CancellationToken cancellationToken) =>
        SendAsync<SessionsEnded>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{MePath}/password") { Content = Json(change) },
            cancellationToken);

    /// <summary>Failed sign-ins on the user's account worth a notice, or null when there is nothing to tell (204).</summary>
    public async Task<FailedSignIns?> GetMyFailedSignInsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{MePath}/failed-sign-ins");
        using var response = await SendCheckedAsync(request, authenticated: true, cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent
            ? null
            : await response.Content.ReadFromJsonAsync<FailedSignIns>(JsonSerializerOptions.Web, cancellationToken);
    }

    public Task MarkMyFailedSignInsSeenAsync(CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{MePath}/failed-sign-ins/seen"),
            cancellationToken);

    public Task<IReadOnlyList<MySession>> GetMySessionsAsync(CancellationToken cancellationToken) =>
        GetListAsync<MySession>(MySessionsPath, cancellationToken);

    public Task EndMySessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"{MySessionsPath}/{sessionId}"),
            cancellationToken);

    public Task<TwoFactorStatus> GetMyTwoFactorAsync(CancellationToken cancellationToken) =>
        SendAsync<TwoFactorStatus>(() => new HttpRequestMessage(HttpMethod.Get, MyTwoFactorPath), cancellationToken);

    public Task<TwoFactorEnrollment> EnrollMyTwoFactorAsync(CancellationToken cancellationToken) =>
        SendAsync<TwoFactorEnrollment>(() => new HttpRequestMessage(HttpMethod.Post, $"{MyTwoFactorPath}/enrollment"),
            cancellationToken);

    public Task<TwoFactorStatus> ConfirmMyTwoFactorAsync(string code, CancellationToken cancellationToken) =>
        SendAsync<TwoFactorStatus>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{MyTwoFactorPath}/confirm") { Content = Json(new TwoFactorCode(code)) },
            cancellationToken);

    public Task<TwoFactorStatus> DisableMyTwoFactorAsync(DisableTwoFactor proof, CancellationToken cancellationToken) =>
        SendAsync<TwoFactorStatus>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{MyTwoFactorPath}/disable") { Content = Json(proof) },
            cancellationToken);

    public Task<SessionsEnded> EndMyOtherSessionsAsync(CancellationToken cancellationToken) =>
        SendAsync<SessionsEnded>(() => new HttpRequestMessage(HttpMethod.Post, $"{MySessionsPath}/end-others"),
            cancellationToken);
}
