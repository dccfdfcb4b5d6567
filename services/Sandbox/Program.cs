using BillingOne.Sandbox.Extensions;
using BillingOne.Sandbox.NinjaOne;
using BillingOne.Sandbox.Pax8;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseProblemDetailsErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapNinjaOneApi();
app.MapPax8Api();

app.Run();
