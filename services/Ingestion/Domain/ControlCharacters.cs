using System.Buffers;

namespace BillingOne.Ingestion.Domain;

/// <summary>
/// <see cref="char.IsControl(char)"/> as sets searched with vector instructions: every text field of every reading is
/// checked. NUL above all must never pass: PostgreSQL text cannot hold it.
/// </summary>
internal static class ControlCharacters
{
    public static readonly SearchValues<char> All = Except("");

    /// <summary>For free text that may span lines.</summary>
    public static readonly SearchValues<char> ButLineBreaksAndTabs = Except("\n\r\t");

    private static SearchValues<char> Except(string allowed) => SearchValues.Create(Enumerable
        .Range(0, 0xA0).Select(code => (char)code).Where(c => char.IsControl(c) && !allowed.Contains(c)).ToArray());
}
