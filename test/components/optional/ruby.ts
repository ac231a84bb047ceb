import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes fake secret files under a temporary root; returns the root (stands in for `/etc/gitlab`). */
function secretsRoot(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'gitlab-optional-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function ruby(script: string, args: string[], loadPath: string[] = []): string {
  const result = spawnSync('ruby', [...loadPath.flatMap((p) => ['-I', p]), '-rerb', '-ryaml', '-rjson', '-e', script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ruby failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Loads `mail_room.yml` as mail_room does: ERB first (secret files from `files`), then YAML with symbol keys.
 * Returns the document with the leading `:` dropped from keys, and whether every key was a Symbol.
 */
export function renderMailRoomWithRuby(template: string, files: Readonly<Record<string, string>>): any {
  const root = secretsRoot(files);
  const source = join(root, 'mail_room.yml');
  writeFileSync(source, template.split('/etc/gitlab/').join(`${root}/`));
  const script = `
    doc = YAML.safe_load(ERB.new(File.read(ARGV[0])).result, permitted_classes: [Symbol])
    all = true
    plain = ->(v) {
      case v
      when Hash then v.to_h { |k, x| all &&= k.is_a?(Symbol); [k.to_s, plain.(x)] }
      when Array then v.map(&plain)
      else v
      end
    }
    out = plain.(doc)
    out['symbolKeys'] = all
    print JSON.generate(out)`;
  return JSON.parse(ruby(script, [source]));
}

/**
 * Loads `smtp_settings.rb` as Rails would (against stand-ins for Action Mailer, GitLab and the mail gem's SMTP
 * pool), the password file taken from `files`. Returns the delivery method and the settings Action Mailer (or its
 * connection pool) would get.
 */
export function evaluateSmtpInitializer(initializer: string, files: Readonly<Record<string, string>>): { deliveryMethod: string; settings: Record<string, unknown> } {
  const root = secretsRoot(files);
  const source = join(root, 'smtp_settings.rb');
  writeFileSync(source, initializer.split('/etc/gitlab/').join(`${root}/`));
  const lib = join(root, 'lib');
  mkdirSync(join(lib, 'mail'), { recursive: true });
  writeFileSync(join(lib, 'mail', 'smtp_pool.rb'), 'module Mail; class SMTPPool; def self.create_pool(settings) = settings; end; end\n');
  const script = `
    app = Struct.new(:config).new(Struct.new(:action_mailer).new(Struct.new(:delivery_method).new))
    module ActionMailer; class Base
      class << self; attr_accessor :delivery_method, :smtp_settings, :smtp_pool_settings; end
      def self.add_delivery_method(*); end
    end; end
    Rails = Module.new.tap { |m| m.define_singleton_method(:application) { app } }
    Gitlab = Module.new
    Gitlab::Application = app
    Gitlab::Runtime = Module.new.tap { |m| m.define_singleton_method(:max_threads) { 4 } }
    load ARGV[0]
    settings = ActionMailer::Base.smtp_settings || ActionMailer::Base.smtp_pool_settings[:pool].reject { |k, _| k == :pool_size }
    print JSON.generate({ deliveryMethod: ActionMailer::Base.delivery_method.to_s, settings: settings })`;
  return JSON.parse(ruby(script, [source], [lib]));
}
