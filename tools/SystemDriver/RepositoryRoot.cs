namespace BillingOne.SystemDriver;

public static class RepositoryRoot
{
    /// <summary>The checkout this program was built in: the nearest directory above its binaries holding BillingOne.sln.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BillingOne.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("BillingOne.sln not found above " + AppContext.BaseDirectory);
    }
}
