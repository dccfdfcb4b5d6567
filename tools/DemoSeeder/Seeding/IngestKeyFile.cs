using System.Text.Json;

namespace BillingOne.DemoSeeder.Seeding;

/// <summary>An ingest key the seeder created: its id in the organization and the plain key.</summary>
public sealed record StoredIngestKey(Guid Id, string Key);

/// <summary>
/// The ingest keys the seeder created, by name, in <c>demo-ingest-keys.json</c> of the data directory (readable by
/// the owner only, like the AppHost's own keys). The API shows a key's secret only when it is created, so without
/// this file every run would have to create new keys.
/// </summary>
public sealed class IngestKeyFile(string dataDirectory)
{
    public const string FileName = "demo-ingest-keys.json";

    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    public IReadOnlyDictionary<string, StoredIngestKey> Load()
    {
        if (!File.Exists(Path))
        {
            return new Dictionary<string, StoredIngestKey>();
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, StoredIngestKey>>(File.ReadAllText(Path),
                JsonSerializerOptions.Web) ?? [];
        }
        catch (JsonException)
        {
            // Unreadable: the keys are created again and the file rewritten.
            return new Dictionary<string, StoredIngestKey>();
        }
    }

    public void Save(IReadOnlyDictionary<string, StoredIngestKey> keys)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var file = new FileStream(Path, FileMode.Create, FileAccess.Write);
        if (!OperatingSystem.IsWindows())
        {
            // Before anything is written, so the keys are never readable by others.
            File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        JsonSerializer.Serialize(file, keys, JsonSerializerOptions.Web);
    }
}
