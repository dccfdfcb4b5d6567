namespace BillingOne.Reconciliation.Domain;

/// <summary>What a person does with an opportunity.</summary>
public enum MissedBillingDecision
{
    Dismiss,
    Bill,
    Reopen,
}

/// <summary>Which decisions an opportunity's state allows.</summary>
public static class MissedBillingDecisions
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The state <paramref name="decision"/> leads to from <paramref name="state"/>, or null with why it cannot: only
    /// open opportunities are dismissed or billed, and only decided ones whose gap is still there are reopened.
    /// </summary>
    public static string? NextState(string state, bool gapOpen, MissedBillingDecision decision, out string? refusal)
    {
        refusal = null;
        switch (decision)
        {
            case MissedBillingDecision.Dismiss or MissedBillingDecision.Bill when state == MissedBillingStates.Open:
                return decision == MissedBillingDecision.Dismiss ? MissedBillingStates.Dismissed : MissedBillingStates.Billed;
            case MissedBillingDecision.Dismiss or MissedBillingDecision.Bill:
                refusal = $"The opportunity is {state}: reopen it first.";
                return null;
            case MissedBillingDecision.Reopen when state == MissedBillingStates.Open:
                refusal = "The opportunity is already open.";
                return null;
            case MissedBillingDecision.Reopen when !gapOpen:
                refusal = "The gap this opportunity was about is gone: there is nothing to reopen.";
                return null;
            default:
                return MissedBillingStates.Open;
        }
    }

    /// <summary>The trimmed reason a dismissal needs, or null with an error under <c>reason</c>.</summary>
    public static string? Reason(string? reason, IDictionary<string, string[]> errors)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors["reason"] = ["reason is required: say why the opportunity is dismissed."];
            return null;
        }
        if (trimmed.Length > MaxReasonLength)
        {
            errors["reason"] = [$"reason must be at most {MaxReasonLength} characters."];
            return null;
        }
        return trimmed;
    }
}
