using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Dashboard;
using BillingOne.AppHost.Orchestration;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json next to the binary, wherever the AppHost is started from.
    ContentRootPath = AppContext.BaseDirectory,
});

AppHostPlan plan;
AppHostSecrets secrets;
try
{
    plan = AppHostPlan.Create(builder.Configuration, AppContext.BaseDirectory);
    PortAvailability.EnsureFree(plan);
    secrets = AppHostSecrets.LoadOrCreate(plan.DataDirectory, builder.Configuration);
}
catch (AppHostConfigurationException exception)
{
    Console.Error.WriteLine($"The AppHost cannot start: {exception.Message}");
    return 1;
}

builder.AddServiceDefaults();
builder.AddAppHost(plan, secrets);

var app = builder.Build();
app.UseProblemDetailsErrors();
app.MapDefaultEndpoints();
app.MapDashboard();

await app.RunAsync();
return Environment.ExitCode;
