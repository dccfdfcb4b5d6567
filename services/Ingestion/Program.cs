using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Ingestion.Apis;
using BillingOne.Ingestion.Extensions;
using BillingOne.Ingestion.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapGrpcDefaults();
app.MapGrpcService<UsageIngestionService>().RequireAuthorization(Policies.Ingest).WithinClientScope();
app.MapSuppressionsApi();
app.MapReadingsApi();
app.MapWebhooksApi();

await app.RunServiceAsync();
