using BillingOne.Sandbox.Extensions;
using BillingOne.Sandbox.NinjaOne;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseProblemDetailsErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapNinjaOneApi();

app.Run();
