; Inno Setup 6 script: turns dist\selfaudit (built by packaging\build.py) into one installer.
;
;   .venv\Scripts\python packaging\build.py --installer      builds the bundle, then this
;   iscc /DAppVersion=X.Y.Z packaging\windows\selfaudit.iss  this alone (build.py passes the
;                                                            version from selfaudit.__version__)
;
; Installs for the current user without admin rights (%LOCALAPPDATA%\Programs\selfaudit, a
; Start-menu entry for that user). Run with /ALLUSERS (as an administrator) to install for
; everyone in Program Files. /POLICY=FILE also installs the organisation's policy file: for
; everyone in %ProgramData%\selfaudit\policy.toml, for one user next to selfaudit.exe.
; A policy.toml placed in dist\selfaudit before building is baked into the installer.
; Silent: selfaudit-setup-VERSION.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS] [/POLICY=...]

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (packaging\build.py --installer does)
#endif
#define AppTitle "Online Safety Self-Audit"
#define AppUserModelId "uk.selfaudit.SelfAudit"

[Setup]
; AppId is uuid5(DNS, "uk.selfaudit.SelfAudit"): it must never change, or upgrades install twice
AppId={{0C547A75-B0F5-5698-82CC-7823E78D0356}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=selfaudit developers
VersionInfoVersion={#AppVersion}
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

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\selfaudit\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{param:POLICY}"; DestDir: "{code:PolicyFolder}"; DestName: "policy.toml"; Flags: external ignoreversion; Check: PolicyGiven

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\selfaudit.exe"; AppUserModelID: "{#AppUserModelId}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\selfaudit.exe"; AppUserModelID: "{#AppUserModelId}"; Tasks: desktopicon

[Run]
Filename: "{app}\selfaudit.exe"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

; The machine-wide policy in %ProgramData% belongs to IT and stays when the app is removed.

[Code]
function PolicyGiven: Boolean;
begin
  Result := ExpandConstant('{param:POLICY}') <> '';
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

function PolicyFolder(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{commonappdata}\selfaudit')
  else
    Result := ExpandConstant('{app}');
end;
