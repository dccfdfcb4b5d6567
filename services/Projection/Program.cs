using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Projection.Apis;
using BillingOne.Projection.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapClientsApi();
app.MapDashboardApi();
app.MapRebuildApi();
app.MapAuditLogApi();
app.MapUsageProjectionsApi();
app.MapOverUnderApi();
app.MapUsageDashboardApi();
app.MapReportsApi();

app.Run();
