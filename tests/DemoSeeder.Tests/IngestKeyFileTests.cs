using BillingOne.DemoSeeder.Seeding;

namespace BillingOne.DemoSeeder.Tests;

[Trait("Category", "Unit")]
public sealed class IngestKeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("billingone-demo-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Keeps_the_keys_for_the_next_run_readable_by_the_owner_only()
    {
        var file = new IngestKeyFile(Path.Combine(_directory, "apphost"));
        var key = new StoredIngestKey(Guid.NewGuid(), "bo_ingest01_secret");

        file.Load().ShouldBeEmpty();
        file.Save(new Dictionary<string, StoredIngestKey> { ["Demo usage agent"] = key });

        new IngestKeyFile(Path.Combine(_directory, "apphost")).Load()["Demo usage agent"].ShouldBe(key);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void An_unreadable_file_counts_as_no_keys()
    {
        var file = new IngestKeyFile(_directory);
        File.WriteAllText(file.Path, "{ not json");

        file.Load().ShouldBeEmpty();
    }
}
