namespace BillingOne.AppHost;

/// <summary>
/// A local SMTP server that keeps every mail and shows it in a web page (smtp4dev, the <c>Rnwood.Smtp4dev</c> dotnet
/// tool that <c>scripts/lib/common.sh</c> installs under <c>.data/tools</c>), so a person sees the notification mails
/// the demo organization sends. Nothing waits for it: identity keeps a mail it cannot send and tries again.
/// </summary>
public static class SmtpSink
{
    public const string ResourceName = "smtp-sink";

    /// <summary>The tool's path in the checkout (scripts/lib/common.sh, ensure_smtp4dev).</summary>
    public static string ToolPath(AppHostSettings settings) =>
        Path.Combine(settings.RepositoryRoot, ".data", "tools", "smtp4dev");

    /// <summary>smtp4dev on the fixed ports <c>smtp-sink</c> (SMTP) and <c>smtp-sink-web</c>, mails kept in memory.</summary>
    public static IResourceBuilder<ExecutableResource> AddSmtpSink(this IDistributedApplicationBuilder builder,
        AppHostSettings settings)
    {
        var web = settings.Port("smtp-sink-web");
        return builder.AddExecutable(ResourceName, ToolPath(settings), settings.RepositoryRoot,
                $"--urls=http://127.0.0.1:{web}", $"--smtpport={settings.Port("smtp-sink")}", "--bindaddress=127.0.0.1",
                "--imapport=0", "--pop3port=0", "--db=", "--nousersettings", "--hostname=localhost")
            .WithHttpEndpoint(port: web, targetPort: web, name: "http", isProxied: false)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Mails sent (smtp4dev)");
    }

    /// <summary>The demo organization's SMTP settings point at the sink (the demo seed writes them once).</summary>
    public static IResourceBuilder<ProjectResource> WithDemoSmtpSink(this IResourceBuilder<ProjectResource> identity,
        AppHostSettings settings) => identity
        .WithEnvironment("Seed__Smtp__Host", "127.0.0.1")
        .WithEnvironment("Seed__Smtp__Port", settings.Port("smtp-sink").ToString(System.Globalization.CultureInfo.InvariantCulture));
}
