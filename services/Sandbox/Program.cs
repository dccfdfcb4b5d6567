using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Datto;
using BillingOne.Sandbox.Extensions;
using BillingOne.Sandbox.NinjaOne;
using BillingOne.Sandbox.Pax8;
using BillingOne.Sandbox.SuperOps;
using BillingOne.Sandbox.Synergy;
using BillingOne.Sandbox.Xero;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
// Generate the world now, so its size is logged at start and the first request does not wait for it.
app.Services.GetRequiredService<SandboxWorld>();
// The accounting systems' history is built from that first step of the world.
app.Services.GetRequiredService<XeroLedger>();
app.Services.GetRequiredService<SuperOpsDemoData>();
app.Services.GetRequiredService<SynergyDemoData>();
app.UseProblemDetailsErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapNinjaOneApi();
app.MapPax8Api();
app.MapDattoApi();
app.MapXeroApi();
app.MapSuperOpsApi();
app.MapSynergyApi();
app.MapSynergyWsdl();
app.MapSandboxControlApi();

app.Run();
