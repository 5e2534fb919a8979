using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Downlink;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Reconciliation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Registry;

/// <summary>
/// /api/devices: provision (POST; the secret is in this one answer only), list, get with status and
/// reconciliation. Errors are problem details with one sentence.
/// </summary>
public static class DeviceEndpoints
{
    /// <summary>Maps /devices under the given group (Program maps it under /api behind the API key).</summary>
    public static RouteGroupBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/devices").WithTags("Devices");
        group.MapPost("/", Provision).WithName("ProvisionDevice")
            .WithSummary("Creates a device identity and its secret; the secret and MQTT password are returned only in this response.");
        group.MapGet("/", ListAsync).WithName("ListDevices").WithSummary("Every device with its status.");
        group.MapGet("/{id}", GetAsync).WithName("GetDevice").WithSummary("One device: registry data, status, desired vs applied content.");
        group.MapPatch("/{id}", DevicePatch.Apply).WithName("UpdateDevice")
            .WithSummary("Renames a device and/or binds it to a SKU; a table tent's new name is also the table name it shows.")
            .Accepts<DevicePatchRequest>("application/json")
            .Produces<DeviceView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/status", GetStatusAsync).WithName("GetDeviceStatus").WithSummary("Status and reconciliation of one device.");
        group.MapGet("/{id}/selftest", GetSelfTest).WithName("GetDeviceSelfTest")
            .WithSummary("The device's latest self-test report (from dev/{id}/selftest); 404 when the device or a report is unknown.")
            .Produces<SelfTestView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/selftest", RequestSelfTestAsync).WithName("RequestDeviceSelfTest")
            .WithSummary("Asks the device (cmd/{id}/selftest) to run a self-test; its report replaces the latest one when it arrives.")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<IResult> RequestSelfTestAsync(string id, IDeviceRegistry registry, IDownlink downlink, ILoggerFactory logs, CancellationToken ct)
    {
        if (registry.Find(id) == null) return NotFound(id);
        try
        {
            await downlink.PublishAsync(id, TopicKind.SelfTestRequest, new SelfTestRequest().Encode(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            logs.CreateLogger("Devices.Gateway.SelfTest").LogWarning(e, "Self-test request to {Device} could not be published", id);
            return Results.Problem("The broker did not take the self-test request: " + e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable");
        }
        return Results.Accepted($"/api/devices/{id}/selftest");
    }

    private static IResult GetSelfTest(string id, IDeviceRegistry registry, SelfTestStore selfTests)
    {
        if (registry.Find(id) == null) return NotFound(id);
        var report = selfTests.Latest(id);
        return report == null
            ? Results.Problem(title: "No self-test report", detail: $"Device '{id}' has not sent a self-test report yet.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(report);
    }

    private static IResult Provision(ProvisionRequest? request, IDeviceRegistry registry, IOptions<MqttOptions> mqtt, HttpContext http)
    {
        var result = registry.Provision(request!);
        switch (result.Status)
        {
            case ProvisionStatus.Created:
                var d = result.Device!;
                var body = new ProvisionedDeviceView(
                    DeviceView.From(d),
                    Convert.ToHexStringLower(result.Secret!),
                    new MqttCredentialsView(MqttHost(mqtt.Value, http), MqttPort(mqtt.Value), d.Id, d.Id, result.Identity!.MqttPassword,
                        $"dev/{d.Id}/", $"cmd/{d.Id}/+"));
                return Results.Created($"/api/devices/{d.Id}", body);
            case ProvisionStatus.AlreadyExists:
                return Results.Problem(title: "Device exists", detail: result.Error, statusCode: StatusCodes.Status409Conflict);
            default:
                return Results.Problem(title: "Invalid device", detail: result.Error, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> ListAsync(IDeviceRegistry registry, DeviceStatusStore status, Reconciler reconciler, CancellationToken ct)
    {
        var list = new List<DeviceDetailView>();
        foreach (var d in registry.List()) list.Add(await DetailAsync(d, status, reconciler, ct));
        return Results.Ok(list);
    }

    private static async Task<IResult> GetAsync(string id, IDeviceRegistry registry, DeviceStatusStore status, Reconciler reconciler, CancellationToken ct)
    {
        var d = registry.Find(id);
        return d == null ? NotFound(id) : Results.Ok(await DetailAsync(d, status, reconciler, ct));
    }

    private static async Task<IResult> GetStatusAsync(string id, IDeviceRegistry registry, DeviceStatusStore status, Reconciler reconciler, CancellationToken ct)
    {
        var d = registry.Find(id);
        if (d == null) return NotFound(id);
        var detail = await DetailAsync(d, status, reconciler, ct);
        return Results.Ok(new { detail.Id, detail.Status, detail.Content });
    }

    private static async Task<DeviceDetailView> DetailAsync(DeviceRecord d, DeviceStatusStore status, Reconciler reconciler, CancellationToken ct)
    {
        var v = DeviceView.From(d);
        return new DeviceDetailView(v.Id, v.Kind, v.Panel, v.Red, v.Name, v.Sku, v.CreatedAt, status.Get(d.Id), await reconciler.GetStateAsync(d.Id, ct));
    }

    private static IResult NotFound(string id) =>
        Results.Problem(title: "Unknown device", detail: $"No device '{id}' is provisioned.", statusCode: StatusCodes.Status404NotFound);

    private static string MqttHost(MqttOptions o, HttpContext http)
    {
        if (o.Mode == MqttMode.External) return o.External.Host;
        return o.BindAddress is "0.0.0.0" or "::" ? http.Request.Host.Host : o.BindAddress;
    }

    private static int MqttPort(MqttOptions o) =>
        o.Mode == MqttMode.External ? o.External.Port : (!string.IsNullOrEmpty(o.CertificatePath) ? o.TlsPort : o.Port);
}

public sealed record DeviceView(string Id, string Kind, string Panel, bool Red, string Name, string? Sku, DateTimeOffset CreatedAt)
{
    public static DeviceView From(DeviceRecord d) => new(d.Id, d.KindName, d.Panel, d.Red, d.Name, d.Sku, d.CreatedAt);
}

public sealed record DeviceDetailView(string Id, string Kind, string Panel, bool Red, string Name, string? Sku, DateTimeOffset CreatedAt,
    DeviceStatusEntry Status, ReconciliationState Content);

/// <summary>The provisioning answer: the only time the secret and the MQTT password leave the gateway.</summary>
public sealed record ProvisionedDeviceView(DeviceView Device, string Secret, MqttCredentialsView Mqtt);

public sealed record MqttCredentialsView(string Host, int Port, string ClientId, string UserName, string Password, string PublishPrefix, string SubscribeFilter);
