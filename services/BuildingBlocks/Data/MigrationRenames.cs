using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// Scripts renumbered after they shipped. A script whose leading comment says <c>-- Renamed from 0002_name.sql</c> was
/// journaled under that name by every database migrated before the rename; before looking for scripts to run, the
/// runner moves such a journal entry to the script's new name, so a renumbered script never runs twice. A database
/// that never saw the old name is untouched.
/// </summary>
public static partial class MigrationRenames
{
    /// <summary>The embedded resources that are migration scripts (<c>Data/Migrations/*.sql</c>).</summary>
    public static bool IsScript(string resourceName) =>
        resourceName.Contains(".Migrations.", StringComparison.Ordinal)
        && resourceName.EndsWith(".sql", StringComparison.Ordinal);

    /// <summary>Each renamed script of <paramref name="assembly"/>: its journal name before and after, in script order.</summary>
    public static IReadOnlyList<(string From, string To)> In(Assembly assembly) =>
    [
        .. from resource in assembly.GetManifestResourceNames()
           where IsScript(resource)
           orderby resource
           let formerName = FormerName(Read(assembly, resource))
           where formerName is not null
           select (resource[..(resource.Length - FileName(resource).Length)] + formerName, resource),
    ];

    /// <summary>
    /// The file name a script had before, from a <c>-- Renamed from NNNN_name.sql</c> line in its leading comment;
    /// null when it says none.
    /// </summary>
    public static string? FormerName(string script)
    {
        foreach (var line in script.Split('\n'))
        {
            var text = line.Trim();
            if (!text.StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }
            if (RenamedFrom().Match(text) is { Success: true } match)
            {
                return match.Groups["name"].Value;
            }
        }
        return null;
    }

    /// <summary>Moves the journal entries of <paramref name="assembly"/>'s renamed scripts to their new names.</summary>
    internal static void Record(NpgsqlConnection connection, Assembly assembly, string journalTable)
    {
        var renames = In(assembly);
        if (renames.Count == 0)
        {
            return;
        }
        using (var exists = new NpgsqlCommand("SELECT to_regclass(@journal) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("journal", journalTable);
            if (exists.ExecuteScalar() is not true)
            {
                return;
            }
        }
        foreach (var (from, to) in renames)
        {
            // The table name is a constant of ours, never input.
            using var rename = new NpgsqlCommand(
                $"UPDATE {journalTable} SET scriptname = @to WHERE scriptname = @from", connection);
            rename.Parameters.AddWithValue("from", from);
            rename.Parameters.AddWithValue("to", to);
            rename.ExecuteNonQuery();
        }
    }

    private static string FileName(string resourceName)
    {
        // "BillingOne.Subscription.Data.Migrations.0003_vendor_accounts.sql" → "0003_vendor_accounts.sql"
        var withoutExtension = resourceName[..^".sql".Length];
        return resourceName[(withoutExtension.LastIndexOf('.') + 1)..];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^--\s*Renamed from (?<name>\d{4}_[A-Za-z0-9_]+\.sql)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RenamedFrom();
}
