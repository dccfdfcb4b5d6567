using System.Text;

namespace BillingOne.DemoSeeder.DemoData;

/// <summary>
/// Pseudo-random numbers that depend only on a text key: the same asset and day give the same value on every
/// machine and .NET version (unlike <see cref="Random"/>, whose seeded sequence is not guaranteed to stay the same),
/// so a re-run sends byte-identical readings and ingestion answers "duplicate" instead of "conflict".
/// </summary>
public static class StableNoise
{
    /// <summary>A value in [0, 1) for <paramref name="key"/>.</summary>
    public static decimal Unit(string key) => (decimal)(Hash(key) >> 11) / (1UL << 53);

    /// <summary>FNV-1a over the UTF-8 bytes, then the SplitMix64 finalizer so that similar keys spread apart.</summary>
    private static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
