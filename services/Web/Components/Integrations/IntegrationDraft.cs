using System.Globalization;
using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Integrations;

/// <summary>
/// An integration's settings as its card edits them. A secret is never shown: its box starts empty and is sent only
/// when something is typed (left out, the service keeps the stored one), or as "" when the user clears it.
/// </summary>
public sealed class IntegrationDraft
{
    /// <summary>Schedules offered besides off, in minutes (the service takes 15–10080).</summary>
    public static readonly IReadOnlyList<int> ScheduleChoices = [15, 30, 60, 180, 360, 720, 1440, 10080];

    public bool Enabled { get; set; }

    /// <summary>Typed values by field name; a secret's is empty until typed.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Secrets the user asked to remove.</summary>
    public HashSet<string> ClearedSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Minutes between scheduled syncs as the select holds them; empty for off.</summary>
    public string Schedule { get; set; } = string.Empty;

    public static IntegrationDraft From(Integration integration)
    {
        var draft = new IntegrationDraft
        {
            Enabled = integration.Enabled,
            Schedule = integration.SyncIntervalMinutes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        };
        foreach (var field in integration.Fields)
        {
            draft.Values[field.Name] = field.Secret ? string.Empty : field.Value ?? string.Empty;
        }

        return draft;
    }

    /// <summary>The schedules the select offers: off, the usual ones and the saved one should it be unusual.</summary>
    public static IEnumerable<int> ScheduleOptions(int? saved) =>
        saved is { } minutes && !ScheduleChoices.Contains(minutes)
            ? ScheduleChoices.Append(minutes).Order()
            : ScheduleChoices;

    public static string ScheduleLabel(int minutes) => minutes switch
    {
        10080 => "Every week",
        1440 => "Every day",
        >= 60 when minutes % 60 == 0 => minutes == 60 ? "Every hour" : $"Every {minutes / 60} hours",
        _ => $"Every {minutes} minutes",
    };

    public SaveIntegrationRequest ToSaveRequest(Integration integration) =>
        new(Enabled, ChangedValues(integration), int.TryParse(Schedule, CultureInfo.InvariantCulture, out var minutes) ? minutes : null);

    /// <summary>What the test tries: the values on screen, the stored secrets unless one was typed or cleared.</summary>
    public TestIntegrationRequest ToTestRequest(Integration integration) => new(ChangedValues(integration));

    private Dictionary<string, string?> ChangedValues(Integration integration)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in integration.Fields)
        {
            var typed = Values.GetValueOrDefault(field.Name, string.Empty).Trim();
            if (!field.Secret)
            {
                values[field.Name] = typed;
            }
            else if (typed.Length > 0)
            {
                values[field.Name] = typed;
            }
            else if (ClearedSecrets.Contains(field.Name))
            {
                values[field.Name] = string.Empty;
            }
        }

        return values;
    }
}
