using System.Text.Json;
using Microsoft.JSInterop;

namespace BillingOne.Web.Components.Onboarding;

/// <summary>The onboarding's steps, in order (seed 002: finance-focused, no security step).</summary>
public static class OnboardingSteps
{
    public const string Organization = "organization";
    public const string Integrations = "integrations";
    public const string FirstSync = "first-sync";
    public const string Mappings = "mappings";
    public const string Done = "done";

    private static readonly string[] Order = [Organization, Integrations, FirstSync, Mappings, Done];

    public static IReadOnlyList<string> All => Order;

    public static string Next(string step) => Order[Math.Min(Array.IndexOf(Order, step) + 1, Order.Length - 1)];

    public static string Previous(string step) => Order[Math.Max(Array.IndexOf(Order, step) - 1, 0)];

    public static string Title(string step) => step switch
    {
        Organization => "Organization details",
        Integrations => "Integrations",
        FirstSync => "First sync",
        Mappings => "Mapping review",
        _ => "Done",
    };
}

/// <summary>Where an organization's onboarding stands: the step shown, and the steps done or skipped.</summary>
public sealed record OnboardingProgress(string Step, IReadOnlyList<string> Completed, IReadOnlyList<string> Skipped)
{
    public static readonly OnboardingProgress Start = new(OnboardingSteps.Organization, [], []);

    public OnboardingProgress GoTo(string step) => this with { Step = step };

    /// <summary>Marks the current step done (or skipped) and moves to the next one.</summary>
    public OnboardingProgress Finish(bool skipped)
    {
        return new OnboardingProgress(
            OnboardingSteps.Next(Step),
            skipped ? Completed.Where(step => step != Step).ToList() : Completed.Append(Step).Distinct().ToList(),
            skipped ? Skipped.Append(Step).Distinct().ToList() : Skipped.Where(step => step != Step).ToList());
    }
}

/// <summary>
/// Keeps each organization's onboarding progress in the browser's local storage, so it resumes where it was left
/// in this browser (a server-side record would follow the user across browsers; none exists yet).
/// </summary>
public sealed class OnboardingStore(IJSRuntime js)
{
    public static string Key(Guid organizationId) => $"billingone.onboarding.{organizationId}";

    /// <summary>The stored progress, or the start when there is none or it cannot be read.</summary>
    public async Task<OnboardingProgress> LoadAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", cancellationToken, Key(organizationId));
        if (stored is null)
        {
            return OnboardingProgress.Start;
        }

        try
        {
            var progress = JsonSerializer.Deserialize<OnboardingProgress>(stored, JsonSerializerOptions.Web);
            return progress is not null && OnboardingSteps.All.Contains(progress.Step) ? progress : OnboardingProgress.Start;
        }
        catch (JsonException)
        {
            return OnboardingProgress.Start;
        }
    }

    public async Task SaveAsync(Guid organizationId, OnboardingProgress progress, CancellationToken cancellationToken) =>
        await js.InvokeVoidAsync("localStorage.setItem", cancellationToken, Key(organizationId),
            JsonSerializer.Serialize(progress, JsonSerializerOptions.Web));
}
