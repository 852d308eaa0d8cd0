; Hearth for Windows: a per-user installer (no administrator rights, no UAC prompt) for the
; frozen one-folder bundle that PyInstaller writes to dist\hearth\ (installers/hearth.spec).
;
; Build (installers/windows/build.ps1 does this after PyInstaller):
;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=C:\abs\path\dist\hearth [/DOUTFILE=C:\abs\out.exe]
;            [/DSIGN_COMMAND="signtool sign ..."] hearth.nsi
; makensis changes into this script's folder before it reads anything, so pass absolute paths.
; On Linux, installers/windows/check_nsis.sh compiles this script against a stand-in bundle.
;
; Silent install / uninstall: hearth-<v>-windows-x64-setup.exe /S [/D=C:\path]  and  uninstall.exe /S

Unicode true
ManifestDPIAware true
; One solid LZMA stream: the bundle is hundreds of small files (Qt plugins, .pyd) that share a lot.
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "Pass the version: makensis /DVERSION=x.y.z (app/__init__.py: __version__)"
!endif
!ifndef SOURCE_DIR
  !error "Pass the frozen bundle: makensis /DSOURCE_DIR=<absolute path to dist\hearth>"
!endif
!ifndef OUTFILE
  !define OUTFILE "hearth-${VERSION}-windows-x64-setup.exe"
!endif
; VIProductVersion wants four numbers; derive them from x.y.z unless VERSION_QUAD is given
; (pass /DVERSION_QUAD=0.2.0.1 for a version such as 0.2.0rc1).
!ifndef VERSION_QUAD
  !searchparse /noerrors "${VERSION}" "" V_MAJOR "." V_MINOR "." V_PATCH
  !ifndef V_PATCH
    !error "VERSION ${VERSION} is not x.y.z: pass /DVERSION_QUAD=a.b.c.d as well"
  !endif
  !define VERSION_QUAD "${V_MAJOR}.${V_MINOR}.${V_PATCH}.0"
!endif

!define APP_NAME "Hearth"
!define APP_ID "org.hearth.Hearth"
!define APP_EXE "hearth.exe"
!define PUBLISHER "The Hearth developers"
; HKCU: a per-user install registers itself in the user's own "Installed apps" list.
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define ICON "${__FILEDIR__}\..\..\resources\icons\hearth.ico"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
; Code signing: build.ps1 passes /DSIGN_COMMAND="signtool sign ..." and makensis runs it on
; the finished installer and on the uninstaller it embeds (NSIS 3.08+), %1 being the file.
; Without it, Windows SmartScreen warns about an installer from an unknown publisher.
!ifdef SIGN_COMMAND
  !finalize '${SIGN_COMMAND} "%1"' = 0
  !uninstfinalize '${SIGN_COMMAND} "%1"' = 0
!endif
; The user's own programs folder, as Windows' per-user installers (VS Code, Discord) use it.
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
; An update goes where the previous version went, even if the person chose another folder.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel user
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ; The bundle holds 64-bit Python and llama.cpp; this installer stub is 32-bit, which runs everywhere.
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${APP_NAME} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update must not keep the previous version's libraries next to the new ones. Remove only
  ; what the bundle itself consists of (PyInstaller 6: the exe and _internal\), never the
  ; whole folder: the person may have chosen a folder that holds other files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  File /r "${SOURCE_DIR}\*"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  ; Per-user Start menu (SetShellVarContext is "current" by default).
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ; EstimatedSize is in KiB, measured after the copy so it is what this bundle really takes.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  ; Removed only if now empty (never /r on a folder the person chose).
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; Chats, settings and downloaded models live in the user's data folder, not here: they are
  ; kept, so that reinstalling (or a newer version) finds them. Hearth's README says where.
SectionEnd
