<#
.SYNOPSIS
    Builds a device app, provisions the device and flashes a board: firmware, app and configuration.

.DESCRIPTION
    1. Builds firmware/<App>/<App>.nfproj with msbuild (needs Windows and Visual Studio 2022 with the
       .NET nanoFramework extension), unless -Image gives a prebuilt .bin.
    2. devices provision: identity, 32-byte secret (or through the gateway with -Gateway/-ApiKey),
       device.conf, board.conf and the nanoff deployment files in provision/<DeviceId>.
    3. devices flash: nanoff --update for the board's target, the app image, then the configuration.
    The same steps on Linux/macOS are in firmware/README.md.

.PARAMETER Board
    Board build id from hardware/boards (e.g. table-tent-wrover-29, shelf-label-wroom-213).
.PARAMETER Port
    Serial port of the board (e.g. COM5).
.PARAMETER DeviceId
    Device id: 1-32 characters of a-z, 0-9 and '-'.
.PARAMETER BrokerHost
    Host or IP the device's MQTT client connects to.
.PARAMETER WifiSsid
    Wi-Fi network the device joins.
.PARAMETER WifiPassword
    Wi-Fi password.
.PARAMETER Image
    A prebuilt app image (.bin); skips the msbuild step.
.PARAMETER Gateway
    Gateway base URL: the gateway creates and keeps the device secret.
.PARAMETER ApiKey
    Gateway API key (with -Gateway).
.PARAMETER SkipFirmware
    Do not re-flash the nanoFramework firmware.

.EXAMPLE
    ./flash.ps1 -Board table-tent-wrover-29 -Port COM5 -DeviceId table-7 -BrokerHost 192.168.1.10 -WifiSsid Shop -WifiPassword 'secret'
.EXAMPLE
    ./flash.ps1 -Board shelf-label-wroom-213 -Port COM6 -DeviceId label-42 -BrokerHost gw.local -WifiSsid Shop -WifiPassword 'secret' -Image .\ShelfLabel.bin -Gateway https://gw.local:8080 -ApiKey $env:DEVICES_API_KEY
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$Board,
    [Parameter(Mandatory = $true)][string]$Port,
    [Parameter(Mandatory = $true)][string]$DeviceId,
    [Parameter(Mandatory = $true)][string]$BrokerHost,
    [Parameter(Mandatory = $true)][string]$WifiSsid,
    [Parameter(Mandatory = $true)][string]$WifiPassword,
    [string]$Image,
    [string]$Gateway,
    [string]$ApiKey,
    [switch]$SkipFirmware
)
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$boardFile = Join-Path $root "hardware/boards/$Board.json"
if (-not (Test-Path $boardFile)) { throw "Unknown board '$Board': no $boardFile." }
$device = (Get-Content $boardFile -Raw | ConvertFrom-Json).device
$app = if ($device -eq 'table-tent') { 'TableTent' } else { 'ShelfLabel' }

function Invoke-Devices([string[]]$Arguments) {
    & dotnet run --project (Join-Path $root 'gateway/Devices.Cli') -c Release -- @Arguments
    if ($LASTEXITCODE -ne 0) { throw "devices $($Arguments[0]) failed (exit code $LASTEXITCODE)." }
}

if (-not $Image) {
    Write-Host "[1/3] Building $app (msbuild; needs Visual Studio 2022 with the .NET nanoFramework extension)"
    $msbuild = Get-Command msbuild -ErrorAction SilentlyContinue
    if (-not $msbuild) { throw 'msbuild not found: run from a Developer PowerShell for Visual Studio 2022, or pass -Image with a prebuilt .bin.' }
    & $msbuild.Source (Join-Path $root "firmware/$app/$app.nfproj") -restore -p:Configuration=Release -v:minimal
    if ($LASTEXITCODE -ne 0) { throw "Building $app failed." }
    $Image = Join-Path $root "firmware/$app/bin/Release/$app.bin"
} else {
    Write-Host "[1/3] Using prebuilt image $Image"
}
if (-not (Test-Path $Image)) { throw "App image $Image not found." }

Write-Host "[2/3] Provisioning $DeviceId"
$out = Join-Path $root "provision/$DeviceId"
$provision = @('provision', '--id', $DeviceId, '--board', $Board, '--broker-host', $BrokerHost,
    '--wifi-ssid', $WifiSsid, '--wifi-password', $WifiPassword, '--port', $Port, '--out', $out)
if ($Gateway) { $provision += @('--gateway', $Gateway, '--api-key', $ApiKey) }
Invoke-Devices $provision

Write-Host "[3/3] Flashing $Board on $Port"
$flash = @('flash', '--board', $Board, '--port', $Port, '--config', $out, '--image', $Image)
if ($SkipFirmware) { $flash += '--skip-firmware' }
Invoke-Devices $flash
Write-Host "Done. Check it: dotnet run --project gateway/Devices.Cli -- selftest --port $Port --reset"
