using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Datto;
using BillingOne.Sandbox.Extensions;
using BillingOne.Sandbox.NinjaOne;
using BillingOne.Sandbox.Pax8;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
// Generate the world now, so its size is logged at start and the first request does not wait for it.
app.Services.GetRequiredService<SandboxWorld>();
app.UseProblemDetailsErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapNinjaOneApi();
app.MapPax8Api();
app.MapDattoApi();
app.MapSandboxControlApi();

app.Run();
