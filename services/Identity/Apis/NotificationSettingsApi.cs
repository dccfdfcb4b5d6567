using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
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

        return organization;
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

/// <summary>The mail server as the settings show it: whether a password is saved, never the password.</summary>
public sealed record SmtpSettingsResponse(bool Configured, string? Host, int? Port, string? TlsMode, string? UserName,
    bool PasswordSet, string? FromAddress)
{
    public static SmtpSettingsResponse From(SmtpSettings? settings) => settings is null
        ? new(false, null, null, null, null, false, null)
        : new(true, settings.Host, settings.Port, settings.TlsMode, settings.UserName, settings.Password is not null,
            settings.FromAddress);
}
