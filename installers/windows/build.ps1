<#
.SYNOPSIS
  Build Hearth for Windows: the portable llama.cpp wheel, the PyInstaller one-folder bundle
  (dist\hearth\), its self-test, and the per-user NSIS installer
  (dist\hearth-<version>-windows-x64-setup.exe).

.DESCRIPTION
  CANNOT RUN HERE (Linux); on Linux, installers/windows/check_nsis.sh compiles the NSIS script.

  Run from a "x64 Native Tools Command Prompt for VS 2022" PowerShell (or after
  Launch-VsDevShell.ps1 -Arch amd64), so that cl.exe, CMake's generators and
  $env:VCToolsRedistDir are set. Needs: Python 3.11+ (x64), Visual Studio 2022 Build Tools
  with "Desktop development with C++", NSIS 3.08+ (makensis), and for signing the Windows
  SDK's signtool.exe and a code-signing certificate.

    powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 [-Backend cpu|cuda|vulkan]
                [-Python py] [-PythonArgs -3.11] [-SkipWheel] [-NoOpenMP]

  Signing (optional; unsigned builds make SmartScreen warn "unknown publisher"):
    $env:HEARTH_SIGN_THUMBPRINT  SHA-1 thumbprint of a certificate in the user's store
    $env:HEARTH_TIMESTAMP_URL    RFC 3161 timestamp server (default http://timestamp.digicert.com)
  signtool.exe must be on PATH (the developer prompt puts the Windows SDK's on it).
#>
[CmdletBinding()]
param(
  [ValidateSet("cpu", "cuda", "vulkan")] [string] $Backend = "cpu",
  [string] $Python = "py",
  [string[]] $PythonArgs = @("-3.11"),
  # Reuse dist\wheels\<backend>\ from an earlier run (the compile takes ~10 minutes).
  [switch] $SkipWheel,
  # Build llama.cpp with ggml's own thread pool instead of OpenMP: no vcomp140.dll to bundle.
  [switch] $NoOpenMP
)

# Stop at the first failing cmdlet; native programs are checked with Invoke-Checked below.
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Invoke-Checked {
  # Runs a native program and throws on a non-zero exit code, which PowerShell ignores by
  # itself. It reads $args rather than declared parameters so that arguments such as "-m" or
  # "/V2" reach the program instead of PowerShell's parameter binder.
  $exe = $args[0]
  $rest = @($args | Select-Object -Skip 1)
  & $exe @rest
  if ($LASTEXITCODE -ne 0) { throw "$exe $($rest -join ' ') failed with exit code $LASTEXITCODE" }
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

$Version = (Select-String -Path "app\__init__.py" -Pattern '^__version__ = "(.*)"$').Matches[0].Groups[1].Value
$LlamaVersion = (Select-String -Path "pyproject.toml" -Pattern '"llama-cpp-python==([^"]+)"').Matches[0].Groups[1].Value
Write-Host "Hearth $Version, llama-cpp-python $LlamaVersion, backend $Backend"

# 1. A fresh build venv: the bundle contains exactly what is installed here.
$Venv = Join-Path $Root "build\venv-windows"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
Invoke-Checked $Python @PythonArgs -m venv $Venv
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $Py -m pip install --upgrade pip

# 2. The llama.cpp wheel, portable: GGML_NATIVE=OFF compiles ggml's CPU code for a fixed
#    x86-64 baseline (AVX2+FMA+F16C; AVX-512 off) instead of the build machine's own CPU, and
#    no libcurl (Hearth downloads models itself). The same flags as installers/gpu/build_wheel.sh
#    and installers/linux/build.sh, which need bash.
$Wheels = Join-Path $Root "dist\wheels\$Backend"
if (-not $SkipWheel) {
  $CmakeArgs = "-DGGML_NATIVE=OFF -DLLAMA_CURL=OFF -DGGML_AVX512=OFF -DLLAMA_BUILD_TESTS=OFF " +
    "-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF"
  switch ($Backend) {
    "cuda" { $CmakeArgs += " -DGGML_CUDA=on" }     # CUDA toolkit; see installers\gpu\README.md
    "vulkan" { $CmakeArgs += " -DGGML_VULKAN=on" } # Vulkan SDK (VULKAN_SDK set, glslc on PATH)
  }
  if ($NoOpenMP) { $CmakeArgs += " -DGGML_OPENMP=OFF" }
  if ($env:CUDA_ARCHITECTURES -and $Backend -eq "cuda") {
    $CmakeArgs += " -DCMAKE_CUDA_ARCHITECTURES=$($env:CUDA_ARCHITECTURES)"
  }
  $env:CMAKE_ARGS = $CmakeArgs
  $env:FORCE_CMAKE = "1"
  if (Test-Path $Wheels) { Remove-Item -Recurse -Force $Wheels }
  New-Item -ItemType Directory -Force $Wheels | Out-Null
  Write-Host "CMAKE_ARGS=$CmakeArgs"
  # --no-cache-dir: pip would otherwise reuse a wheel it built before with other CMAKE_ARGS.
  Invoke-Checked $Py -m pip wheel --no-deps --no-binary llama-cpp-python --no-cache-dir `
    --wheel-dir $Wheels "llama-cpp-python==$LlamaVersion"
  Remove-Item Env:CMAKE_ARGS, Env:FORCE_CMAKE
}
$Wheel = Get-ChildItem (Join-Path $Wheels "llama_cpp_python-*.whl") | Select-Object -First 1
if (-not $Wheel) { throw "no llama-cpp-python wheel in $Wheels" }

# 3. Hearth, the wheel and PyInstaller into the build venv.
Invoke-Checked $Py -m pip install $Wheel.FullName
Invoke-Checked $Py -m pip install . pyinstaller

# 4. The OpenMP runtime. MSVC builds of ggml use OpenMP by default, so ggml.dll imports
#    vcomp140.dll, which is not part of Windows and which PyInstaller does not find through
#    llama_cpp's ctypes loading (PyInstaller issue 9216): without it the frozen app dies
#    loading libllama on a clean PC. Copying it next to llama.dll puts it in the bundle through
#    the hook's collect_dynamic_libs("llama_cpp"). (The VC++ runtime DLLs vcruntime140*.dll and
#    msvcp140.dll come with Python and PySide6 and are collected by PyInstaller.)
$LlamaLib = Join-Path $Venv "Lib\site-packages\llama_cpp\lib"
if (-not $NoOpenMP) {
  if (-not $env:VCToolsRedistDir) { throw "VCToolsRedistDir is not set: run from a VS 2022 x64 developer prompt" }
  $Vcomp = Get-ChildItem -Path (Join-Path $env:VCToolsRedistDir "x64") -Recurse -Filter "vcomp140.dll" |
    Where-Object { $_.FullName -match "OpenMP" -and $_.FullName -notmatch "debug" } | Select-Object -First 1
  if (-not $Vcomp) { throw "vcomp140.dll not found under $($env:VCToolsRedistDir)x64" }
  Copy-Item $Vcomp.FullName $LlamaLib
  Write-Host "bundling $($Vcomp.FullName)"
}

# 5. The one-folder bundle from the committed spec (the spec's icon: resources\icons\hearth.ico).
foreach ($p in @("build\pyinstaller", "dist\hearth")) { if (Test-Path $p) { Remove-Item -Recurse -Force $p } }
Invoke-Checked (Join-Path $Venv "Scripts\pyinstaller.exe") --noconfirm --clean `
  --distpath dist --workpath build\pyinstaller installers\hearth.spec
$Bundle = Join-Path $Root "dist\hearth"
$Exe = Join-Path $Bundle "hearth.exe"
if (-not (Test-Path $Exe)) { throw "PyInstaller wrote no $Exe" }
if (-not $NoOpenMP -and -not (Get-ChildItem -Path $Bundle -Recurse -Filter "vcomp140.dll")) {
  throw "vcomp140.dll is not in the bundle"
}

# 6. The smoke test, offscreen. Start-Process waits for a GUI-subsystem exe and gives its exit
#    code; its JSON line goes to a file because a windowed exe has no console.
$Log = Join-Path $Root "build\self-test.json"
$env:QT_QPA_PLATFORM = "offscreen"
$Proc = Start-Process -FilePath $Exe -ArgumentList "--self-test" -Wait -PassThru -NoNewWindow `
  -RedirectStandardOutput $Log -RedirectStandardError (Join-Path $Root "build\self-test.err")
Remove-Item Env:QT_QPA_PLATFORM
Get-Content $Log
if ($Proc.ExitCode -ne 0) { throw "hearth.exe --self-test failed ($($Proc.ExitCode)); see build\self-test.err" }

# 7. Sign what people run: the app's exe (and so its taskbar identity) before it is packed.
$SignArgs = $null
if ($env:HEARTH_SIGN_THUMBPRINT) {
  $Ts = if ($env:HEARTH_TIMESTAMP_URL) { $env:HEARTH_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
  # SHA-256 file digest and an RFC 3161 timestamp: the signature outlives the certificate.
  $SignArgs = @("sign", "/sha1", $env:HEARTH_SIGN_THUMBPRINT, "/fd", "SHA256", "/tr", $Ts, "/td", "SHA256")
  Invoke-Checked signtool @SignArgs $Exe
} else {
  Write-Warning "HEARTH_SIGN_THUMBPRINT not set: the exe and installer are unsigned"
}

# 8. The installer. makensis changes into the script's folder, hence absolute paths. With
#    SIGN_COMMAND it signs the installer and the uninstaller inside it as it writes them.
$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) { $Makensis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
$Setup = Join-Path $Root "dist\hearth-$Version-windows-x64-setup.exe"
$NsisArgs = @("/V2", "/WX", "/INPUTCHARSET", "UTF8", "/DVERSION=$Version", "/DSOURCE_DIR=$Bundle", "/DOUTFILE=$Setup")
# NSIS runs this text as a command line with the file appended; none of its parts has spaces.
if ($SignArgs) { $NsisArgs += "/DSIGN_COMMAND=signtool $($SignArgs -join ' ')" }
Invoke-Checked $Makensis @NsisArgs (Join-Path $PSScriptRoot "hearth.nsi")
Write-Host "built $Setup"
