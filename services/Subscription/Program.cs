using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Subscription.Apis;
using BillingOne.Subscription.Apis.Directory;
using BillingOne.Subscription.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapClientsApi();
app.MapDirectoryApi();

app.Run();
