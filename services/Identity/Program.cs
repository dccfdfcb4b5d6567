using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Identity.Apis;
using BillingOne.Identity.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapDirectoryApi();

await app.RunServiceAsync();
