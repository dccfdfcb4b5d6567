using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Ingestion.Apis;
using BillingOne.Ingestion.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapGrpcDefaults();
app.MapSuppressionsApi();

app.Run();
