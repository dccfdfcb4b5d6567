using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Apis;
using BillingOne.Metering.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapUnitTypesApi();
app.MapBucketsApi();
app.MapProvisioningApi();
app.MapAssetsApi();
app.MapAssignmentRulesApi();
app.MapBillingApi();
app.MapObservationsApi();
app.MapUsageAnomalyApi();

app.Run();
