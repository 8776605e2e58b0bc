; Inno Setup 6.3+ script: turns dist\selfaudit (built by packaging\build.py) into one installer.
;
;   .venv\Scripts\python packaging\build.py --installer-only [--sign "COMMAND"]
;       this, on the bundle in dist\selfaudit (sign its programs first: packaging\README.md);
;       build.py passes the version and its four-number form from selfaudit.__version__:
;   iscc /DAppVersion=X.YrcN /DFileVersion=X.Y.Z.N packaging\windows\selfaudit.iss
;   With /DSign and /Sselfaudit=COMMAND the compiler signs the two programs (unless they are
;   signed already), the uninstaller and the setup program.
;
; Installs for the current user without admin rights (%LOCALAPPDATA%\Programs\selfaudit, a
; Start-menu entry for that user). Run with /ALLUSERS (as an administrator) to install for
; everyone in Program Files. /POLICY=FILE also installs the organisation's policy file: for
; everyone in %ProgramData%\selfaudit\policy.toml, for one user next to selfaudit.exe.
; A policy.toml placed in dist\selfaudit before building is baked into the installer.
; Silent: selfaudit-setup-VERSION.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS] [/POLICY=...]

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (ArchitecturesAllowed=x64compatible)
#endif
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z /DFileVersion=X.Y.Z.N (build.py does)
#endif
#ifndef FileVersion
  #error Pass the version's four numbers: /DFileVersion=X.Y.Z.N (packaging\file_version.py)
#endif
#define AppTitle "Online Safety Self-Audit"
#define AppUserModelId "uk.selfaudit.SelfAudit"
; the login reminder's value under HKCU\...\Run (selfaudit.reminders.autostart.REMINDER_NAME)
#define ReminderValue "Online Safety Self-Audit reminder"
#ifdef Sign
  #define ProgramFlags "ignoreversion signonce"
#else
  #define ProgramFlags "ignoreversion"
#endif

[Setup]
; AppId is uuid5(DNS, "uk.selfaudit.SelfAudit"): it must never change, or upgrades install twice
AppId={{0C547A75-B0F5-5698-82CC-7823E78D0356}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=selfaudit developers
; Windows orders four numbers; AppVersion (1.2rc1) is shown as the text version
VersionInfoVersion={#FileVersion}
VersionInfoTextVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
DefaultDirName={autopf}\selfaudit
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=selfaudit-setup-{#AppVersion}
SetupIconFile=selfaudit.ico
UninstallDisplayIcon={app}\selfaudit.exe
UninstallDisplayName={#AppTitle}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
#ifdef Sign
SignTool=selfaudit
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\selfaudit\selfaudit.exe"; DestDir: "{app}"; Flags: {#ProgramFlags}
Source: "..\..\dist\selfaudit\selfaudit-cli.exe"; DestDir: "{app}"; Flags: {#ProgramFlags}
Source: "..\..\dist\selfaudit\*"; Excludes: "\selfaudit.exe,\selfaudit-cli.exe"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; /POLICY for everyone: IT's file in ProgramData, which the uninstaller never removes
Source: "{param:POLICY}"; DestDir: "{commonappdata}\selfaudit"; DestName: "policy.toml"; Flags: external ignoreversion uninsneveruninstall; Check: MachinePolicyGiven
; /POLICY for one user: beside the program, removed with it
Source: "{param:POLICY}"; DestDir: "{app}"; DestName: "policy.toml"; Flags: external ignoreversion; Check: UserPolicyGiven

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\selfaudit.exe"; AppUserModelID: "{#AppUserModelId}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\selfaudit.exe"; AppUserModelID: "{#AppUserModelId}"; Tasks: desktopicon

[Run]
Filename: "{app}\selfaudit.exe"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[Code]
const
  RunKey = 'Software\Microsoft\Windows\CurrentVersion\Run';
  ApprovedKey = 'Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run';

function PolicyGiven: Boolean;
begin
  Result := ExpandConstant('{param:POLICY}') <> '';
end;

function MachinePolicyGiven: Boolean;
begin
  Result := PolicyGiven and IsAdminInstallMode;
end;

function UserPolicyGiven: Boolean;
begin
  Result := PolicyGiven and not IsAdminInstallMode;
end;

// The login reminder the app added for this user (and Task Manager's switch for it) would run a
// program that is gone. Other users' entries of an all-users install stay in their own
// registry hives, where an uninstaller cannot reach; Windows skips a missing program.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    RegDeleteValue(HKEY_CURRENT_USER, RunKey, '{#ReminderValue}');
    RegDeleteValue(HKEY_CURRENT_USER, ApprovedKey, '{#ReminderValue}');
  end;
end;

// A mistyped /POLICY path stops the install (exit code 1) instead of leaving staff without it.
function InitializeSetup: Boolean;
begin
  Result := True;
  if PolicyGiven and not FileExists(ExpandConstant('{param:POLICY}')) then
  begin
    SuppressibleMsgBox('The policy file ' + ExpandConstant('{param:POLICY}') +
      ' was not found, so nothing was installed.', mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

