using System.Security.Claims;
using BillingOne.Web.Authentication;
using BillingOne.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>A signed-in person as the tests use them.</summary>
public sealed record TestUser(Guid Id, string Name, string Role)
{
    public static readonly TestUser Owner = new(Guid.Parse("5a000000-0000-4000-8000-000000000001"), "Olivia Owner", "owner");
    public static readonly TestUser Admin = new(Guid.Parse("5a000000-0000-4000-8000-000000000002"), "Adam Admin", "admin");
    public static readonly TestUser Finance = new(Guid.Parse("5a000000-0000-4000-8000-000000000003"), "Fiona Finance", "finance");
    public static readonly TestUser ReadOnly = new(Guid.Parse("5a000000-0000-4000-8000-000000000004"), "Rita Reader", "read-only");
}

/// <summary>
/// A bunit context wired like the running app for a signed-in user (the owner unless a test signs in someone
/// else), except that the gateway is <see cref="StubGatewayHandler"/> and time is a <see cref="TestTimeProvider"/>
/// the test advances.
/// </summary>
public abstract class WebUiContext : BunitContext
{
    public const string SessionToken = "test-session-token";

    /// <summary>Buttons that change something: every button but an id's copy button, which anyone may use.</summary>
    protected const string ChangeButtons = "button:not([data-testid=short-id-copy])";

    protected WebUiContext()
    {
        // bUnit waits 1 second for a render by default; the CI's two cores, busy with other test projects, have taken
        // longer (AssetsPageTests failed so). A wait ends as soon as its condition holds, so passing tests are not slower.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Session.Capture(new ClaimsPrincipal(new ClaimsIdentity([new Claim(SessionClaims.SessionToken, SessionToken)], "test")));
        Services.AddSingleton(Session);
        Services.AddSingleton(GatewayClients.For(Gateway, Session));
        Services.AddSingleton<TimeProvider>(Time);
        Authorization = AddAuthorization();
        SignInAs(TestUser.Owner);
    }

    protected StubGatewayHandler Gateway { get; } = new();

    protected TestTimeProvider Time { get; } = new();

    protected SessionTokenHolder Session { get; } = new();

    protected BunitAuthorizationContext Authorization { get; }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>
    /// Chooses the client named <paramref name="name"/> in the client picker <paramref name="testId"/> as a user does:
    /// types the name, waits out the pause before the search on the fake clock and clicks the client's option.
    /// </summary>
    protected void PickClient<T>(IRenderedComponent<T> page, string testId, string name) where T : IComponent
    {
        page.Find($"[data-testid={testId}-input]").Input(name);
        page.WaitForAssertion(() => page.Find($"[data-testid={testId}-note]").TextContent.ShouldBe("Searching…"));
        Time.Advance(ClientPicker.DebounceDelay);
        var options = $"[data-testid={testId}-option]";
        page.WaitForAssertion(() => page.FindAll(options).Select(option => option.TextContent.Trim()).ShouldContain(name));
        page.FindAll(options).Single(option => option.TextContent.Trim() == name).Click();
    }

    /// <summary>The claims the auth cookie carries after sign-in (see SessionClaims.CreatePrincipal).</summary>
    protected void SignInAs(TestUser user)
    {
        Authorization.SetAuthorized(user.Name);
        Authorization.SetRoles(user.Role);
        Authorization.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(SessionClaims.SessionToken, SessionToken));
    }
}
