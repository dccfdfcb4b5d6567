using System.Security.Claims;
using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingOne.Web.Tests.Authentication;

[Trait("Category", "Unit")]
public sealed class SessionTests
{
    private static readonly SignInResponse Session = new(
        "session-token",
        new DateTimeOffset(2025, 3, 14, 17, 30, 0, TimeSpan.Zero),
        new SignedInUser(Guid.Parse("5a000000-0000-4000-8000-000000000002"), "Adam Admin", "adam@example.com",
            Guid.Parse("0b111111-0000-4000-8000-000000000001"), UserRoles.Admin));

    private static ClaimsPrincipal WithToken(string token) =>
        new(new ClaimsIdentity([new Claim(SessionClaims.SessionToken, token)], "test"));

    [Fact]
    public void The_cookie_principal_carries_the_user_and_the_session_token()
    {
        var principal = SessionClaims.CreatePrincipal(Session);

        principal.Identity!.IsAuthenticated.ShouldBeTrue();
        principal.Identity.Name.ShouldBe("Adam Admin");
        principal.IsInRole(UserRoles.Admin).ShouldBeTrue();
        principal.FindFirstValue(ClaimTypes.Email).ShouldBe("adam@example.com");
        principal.FindFirstValue(SessionClaims.OrganizationId).ShouldBe("0b111111-0000-4000-8000-000000000001");
        var user = CurrentUser.From(principal);
        user.ShouldBe(new CurrentUser(Session.User.Id, "Adam Admin", UserRoles.Admin));
        var holder = new SessionTokenHolder();
        holder.Capture(principal);
        holder.Token.ShouldBe("session-token");
    }

    [Fact]
    public void A_principal_without_a_session_has_no_token()
    {
        var holder = new SessionTokenHolder();
        holder.Capture(WithToken("old"));

        holder.Capture(new ClaimsPrincipal(new ClaimsIdentity()));

        holder.Token.ShouldBeNull();
    }

    [Fact]
    public void Reporting_an_expired_session_tells_whoever_listens()
    {
        var holder = new SessionTokenHolder();
        var told = 0;
        holder.Expired += () => told++;

        holder.ReportExpired();

        told.ShouldBe(1);
        holder.HasExpired.ShouldBeTrue();
    }

    [Fact]
    public void A_new_token_is_a_new_session_and_the_same_token_stays_expired()
    {
        var holder = new SessionTokenHolder();
        holder.Capture(WithToken("first"));
        holder.ReportExpired();

        holder.Capture(WithToken("first"));
        holder.HasExpired.ShouldBeTrue();

        holder.Capture(WithToken("second"));
        holder.HasExpired.ShouldBeFalse();
    }

    [Fact]
    public async Task A_circuit_takes_the_token_of_the_user_it_was_opened_with_and_follows_changes()
    {
        var authentication = new SettableAuthenticationStateProvider(WithToken("first"));
        var holder = new SessionTokenHolder();
        using var handler = new SessionTokenCircuitHandler(authentication, holder);

        // The handler does not look at the circuit itself, only at the circuit's authentication state.
        await handler.OnCircuitOpenedAsync(circuit: null!, CancellationToken.None);
        holder.Token.ShouldBe("first");

        authentication.Set(WithToken("after-reconnect"));
        holder.Token.ShouldBe("after-reconnect");

        handler.Dispose();
        authentication.Set(WithToken("after-the-circuit-closed"));
        holder.Token.ShouldBe("after-reconnect", "a closed circuit stops listening");
    }

    [Theory]
    [InlineData("owner", "owner", true)]
    [InlineData("owner", "admin", true)]
    [InlineData("admin", "finance", true)]
    [InlineData("admin", "owner", false)]
    [InlineData("finance", "read-only", false)]
    [InlineData("read-only", "finance", false)]
    public void Who_may_manage_whom(string role, string memberRole, bool allowed)
    {
        var user = new CurrentUser(Guid.NewGuid(), "Me", role);
        var member = new TeamUser(Guid.NewGuid(), "m@example.com", "Member", memberRole, true, null, DateTimeOffset.UnixEpoch);

        user.CanManage(member).ShouldBe(allowed);
    }

    [Fact]
    public void Nobody_manages_themselves()
    {
        var id = Guid.NewGuid();
        var owner = new CurrentUser(id, "Me", UserRoles.Owner);

        owner.CanManage(new TeamUser(id, "me@example.com", "Me", UserRoles.Owner, true, null, DateTimeOffset.UnixEpoch))
            .ShouldBeFalse("changing one's own role or access could lock the organization out");
    }

    private sealed class SettableAuthenticationStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        private Task<AuthenticationState> state = Task.FromResult(new AuthenticationState(user));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => state;

        public void Set(ClaimsPrincipal next)
        {
            state = Task.FromResult(new AuthenticationState(next));
            NotifyAuthenticationStateChanged(state);
        }
    }
}
