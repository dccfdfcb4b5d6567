using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Application;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// Settings → Email notifications and In-app notifications: per event, on or off and to whom, for each channel; and
/// the mail server notification mails go through.
/// </summary>
public static class NotificationSettingsApi
{
    private const string ChannelRoute = "/notifications/{channel}";

    /// <summary>Maps <c>/notifications/{channel}</c> and <c>/smtp</c> under the organization's group.</summary>
    public static RouteGroupBuilder MapNotificationSettingsApi(this RouteGroupBuilder organization)
    {
        organization.MapGet(ChannelRoute, GetNotificationRules)
            .RequireAuthorization(Policies.Admin)
            .WithName("GetNotificationRules")
            .WithSummary("The organization's notification rules of one channel (`email` or `in-app`)")
            .WithDescription("One rule per event (sync-failed, new-overages, under-licensed-clients, " +
                "billing-run-finished, period-finalized), with the users a rule can name.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        organization.MapPut(ChannelRoute, SaveNotificationRules)
            .RequireAuthorization(Policies.Admin)
            .WithName("SaveNotificationRules")
            .WithSummary("Change the organization's notification rules of one channel")
            .WithDescription("`rules`: for each event given, `enabled` and to whom: `roles` (owner, admin, finance, " +
                "read-only) and `userIds` (the organization's users). Events not given keep their rule.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        organization.MapGet("/smtp", GetSmtpSettings)
            .RequireAuthorization(Policies.Admin)
            .WithName("GetSmtpSettings")
            .WithSummary("The mail server notification mails are sent through (never its password)");

        organization.MapPut("/smtp", SaveSmtpSettings)
            .RequireAuthorization(Policies.Admin)
            .WithName("SaveSmtpSettings")
            .WithSummary("Set the mail server notification mails are sent through")
            .WithDescription("`host`, `port` 1–65535, `tlsMode` (none, starttls, tls), `userName`, `password` " +
                "(stored encrypted; absent or null keeps the saved one, empty removes it), `fromAddress`.")
            .ProducesValidationProblem()
            .ProducesJsonBodyProblems();

        organization.MapPost("/smtp/test", SendTestMail)
            .RequireAuthorization(Policies.Admin)
            .WithName("SendSmtpTestMail")
            .WithSummary("Send a test mail through the saved mail server to the signed-in user")
            .WithDescription("Sends one mail now (not queued) through the saved settings to the caller's own address and " +
                "answers 200 with where it went, or 502 with the mail server's error (refused, wrong password, no " +
                "connection, TLS, timeout) in `detail`. 409 when no mail server is saved; 403 for an API key, which has " +
                "no address. Each try is audited (`send-test-mail`) with its outcome.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);

        return organization;
    }

    public static async Task<Results<Ok<SmtpTestMailResponse>, ProblemHttpResult>> SendTestMail(SmtpTestMail testMail,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (caller.ActorType != ActorTypes.User)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Only a signed-in user can be sent a test mail.",
                detail: "An API key has no mail address: sign in as a user to send yourself a test mail.");
        }
        var outcome = await testMail.SendAsync(caller.OrgId, caller.ActorId, cancellationToken);
        return outcome.Status switch
        {
            TestMailStatus.Sent => TypedResults.Ok(new SmtpTestMailResponse(true, outcome.ToAddress!, outcome.Server!,
                $"A test mail went to {outcome.ToAddress} through {outcome.Server}.")),
            TestMailStatus.NoMailServer => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "No mail server is set up.",
                detail: "Save the mail server under Settings → Email notifications first, then send a test mail."),
            TestMailStatus.NoSuchUser => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Only a user of the organization can be sent a test mail.",
                detail: "The signed-in user is not an enabled user of this organization: sign in again."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway,
                title: "The mail server did not take the test mail.",
                detail: outcome.Error,
                extensions: new Dictionary<string, object?> { ["toAddress"] = outcome.ToAddress, ["server"] = outcome.Server }),
        };
    }

    public static async Task<Results<Ok<NotificationRulesResponse>, ProblemHttpResult>> GetNotificationRules(
        string channel, NotificationRuleStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        if (!NotificationChannels.All.Contains(channel))
        {
            return UnknownChannel(channel);
        }
        var (rules, members) = await store.GetAsync(organization.OrgId, channel, cancellationToken);
        return TypedResults.Ok(NotificationRulesResponse.From(channel, rules, members));
    }

    public static async Task<Results<Ok<NotificationRulesResponse>, ValidationProblem, ProblemHttpResult>>
        SaveNotificationRules(string channel, SaveNotificationRulesRequest request, NotificationRuleStore store,
            IOrganizationContext organization, CancellationToken cancellationToken)
    {
        if (!NotificationChannels.All.Contains(channel))
        {
            return UnknownChannel(channel);
        }
        var errors = new Dictionary<string, string[]>();
        var rules = request.ToRules(channel, errors);
        if (rules is not null && await store.SaveAsync(organization.OrgId, channel, rules, cancellationToken) is { } unknown)
        {
            errors[$"rules[{unknown}].userIds"] = ["Every user must be one of the organization's users."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The notification rules are not valid.");
        }
        var (saved, members) = await store.GetAsync(organization.OrgId, channel, cancellationToken);
        return TypedResults.Ok(NotificationRulesResponse.From(channel, saved, members));
    }

    public static async Task<Ok<SmtpSettingsResponse>> GetSmtpSettings(SmtpSettingsStore store,
        IOrganizationContext organization, CancellationToken cancellationToken) =>
        TypedResults.Ok(SmtpSettingsResponse.From(await store.FindAsync(organization.OrgId, cancellationToken)));

    public static async Task<Results<Ok<SmtpSettingsResponse>, ValidationProblem>> SaveSmtpSettings(
        SaveSmtpSettingsRequest request, SmtpSettingsStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var current = await store.FindAsync(organization.OrgId, cancellationToken);
        var settings = SmtpSettings.Parse(request.Host, request.Port, request.TlsMode, request.UserName, request.Password,
            request.FromAddress, current?.Password, errors);
        if (settings is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The mail server settings are not valid.");
        }
        await store.SaveAsync(organization.OrgId, settings, cancellationToken);
        return TypedResults.Ok(SmtpSettingsResponse.From(settings));
    }

    private static ProblemHttpResult UnknownChannel(string channel) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Notification channel not found.",
        detail: $"'{channel}' is not a channel: use one of {string.Join(", ", NotificationChannels.All)}.");
}

public sealed record NotificationRuleResponse(string Event, string Label, bool Enabled, IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> UserIds);

public sealed record NotificationUserResponse(Guid Id, string Name, string Email, string Role);

public sealed record NotificationRulesResponse(string Channel, IReadOnlyList<NotificationRuleResponse> Rules,
    IReadOnlyList<NotificationUserResponse> Users)
{
    public static NotificationRulesResponse From(string channel, IReadOnlyList<NotificationRule> rules,
        IReadOnlyList<NotificationMember> members) => new(channel,
        [.. rules.Select(rule => new NotificationRuleResponse(rule.Event, NotificationEvents.Label(rule.Event),
            rule.Enabled, rule.Roles, rule.UserIds))],
        [.. members.Where(member => member.Enabled)
            .Select(member => new NotificationUserResponse(member.Id, member.Name, member.Email, member.Role))]);
}

public sealed record NotificationRuleRequest(string? Event, bool? Enabled, IReadOnlyList<string>? Roles,
    IReadOnlyList<Guid>? UserIds);

public sealed record SaveNotificationRulesRequest(IReadOnlyList<NotificationRuleRequest?>? Rules)
{
    /// <summary>The rules asked for, or null with a message per wrong member (named <c>rules[i].member</c>).</summary>
    public IReadOnlyList<NotificationRule>? ToRules(string channel, IDictionary<string, string[]> errors)
    {
        if (Rules is null)
        {
            errors["rules"] = ["rules is required: one entry per event to change."];
            return null;
        }
        var rules = new List<NotificationRule>();
        for (var index = 0; index < Rules.Count; index++)
        {
            var field = $"rules[{index}]";
            var rule = Rules[index];
            if (rule?.Event is not { } notificationEvent || !NotificationEvents.All.Contains(notificationEvent))
            {
                errors[$"{field}.event"] = [$"event must be one of {string.Join(", ", NotificationEvents.All)}."];
                continue;
            }
            if (rules.Any(earlier => earlier.Event == notificationEvent))
            {
                errors[$"{field}.event"] = [$"{notificationEvent} is given twice."];
            }
            if (rule.Enabled is null)
            {
                errors[$"{field}.enabled"] = ["enabled is required."];
            }
            var roles = rule.Roles ?? [];
            if (roles.FirstOrDefault(role => !Roles.UserRoles.Contains(role)) is { } unknownRole)
            {
                errors[$"{field}.roles"] = [$"'{unknownRole}' is not a role: use {string.Join(", ", Roles.UserRoles)}."];
            }
            rules.Add(new NotificationRule(notificationEvent, channel, rule.Enabled ?? false, [.. roles.Distinct()],
                [.. (rule.UserIds ?? []).Distinct()]));
        }
        return errors.Count > 0 ? null : rules;
    }
}

public sealed record SaveSmtpSettingsRequest(string? Host, int? Port, string? TlsMode, string? UserName,
    string? Password, string? FromAddress);

/// <summary>A test mail the mail server took: where it went, through which server, in words.</summary>
public sealed record SmtpTestMailResponse(bool Sent, string ToAddress, string Server, string Detail);

/// <summary>The mail server as the settings show it: whether a password is saved, never the password.</summary>
public sealed record SmtpSettingsResponse(bool Configured, string? Host, int? Port, string? TlsMode, string? UserName,
    bool PasswordSet, string? FromAddress)
{
    public static SmtpSettingsResponse From(SmtpSettings? settings) => settings is null
        ? new(false, null, null, null, null, false, null)
        : new(true, settings.Host, settings.Port, settings.TlsMode, settings.UserName, settings.Password is not null,
            settings.FromAddress);
}
