// The block in the editor: the widget's options in the sidebar, each from the options table
// (window.emotionalIntimacyEditor.options, from block/options.json), and the widget itself,
// as the server renders it. Plain JavaScript on WordPress's own packages: no build step.
(function (blocks, element, blockEditor, components, ServerSideRender, i18n) {
  const el = element.createElement;
  const __ = i18n.__;
  const settings = window.emotionalIntimacyEditor || { options: [], embed: '' };
  const advanced = settings.options.filter((o) => o.values.kind === 'key-name');
  const everyday = settings.options.filter((o) => o.values.kind !== 'key-name');

  /** The sidebar control for one option, showing and setting its block attribute. */
  function control(option, attributes, setAttributes) {
    const value = attributes[option.attribute] || '';
    const set = (next) => setAttributes({ [option.attribute]: next });
    const label = option.label;
    const { allowed, labels } = option.values;
    switch (option.values.kind) {
      case 'one-of':
        return el(components.SelectControl, {
          key: option.name,
          label,
          help: option.help || undefined,
          value: value || option.default,
          options: allowed.map((v, i) => ({ label: labels[i], value: v })),
          onChange: set,
        });
      case 'any-of': {
        const chosen = [...new Set((value || option.default).split(/[\s,]+/).filter((p) => allowed.includes(p)))];
        return el(
          components.BaseControl,
          { key: option.name, label, help: chosen.length === 1 ? __('At least one part is shown.', 'emotional-intimacy') : undefined },
          allowed.map((part, i) =>
            el(components.CheckboxControl, {
              key: part,
              label: labels[i],
              checked: chosen.includes(part),
              // The last part shown stays: none would read as "the default", every part.
              disabled: chosen.length === 1 && chosen[0] === part,
              onChange: (on) => set(allowed.filter((p) => (p === part ? on : chosen.includes(p))).join(' ')),
            }),
          ),
        );
      }
      case 'names':
        return el(components.TextareaControl, {
          key: option.name,
          label,
          help: option.help,
          // As typed (spaces, an empty line being started); the widget passes over empty
          // names and cleans the spaces of each.
          value: value.split('|').join('\n'),
          onChange: (text) => set(text.split('\n').join('|')),
        });
      default:
        return el(components.TextControl, { key: option.name, label, help: option.help, value, onChange: set });
    }
  }

  /** embed.js in the document the block is drawn in: the editor's own page, or the iframe
   * newer editors (and the Site Editor) draw the content in, where the editor's scripts do
   * not run. It finds the server-rendered widget there and draws it. */
  function useEmbed(ref) {
    element.useEffect(() => {
      const doc = ref.current && ref.current.ownerDocument;
      if (!doc || !settings.embed || doc.querySelector('script[data-emotional-intimacy-editor]')) return;
      const script = doc.createElement('script');
      script.type = 'module';
      script.src = settings.embed;
      script.setAttribute('data-emotional-intimacy-editor', '');
      doc.head.append(script);
    }, []);
  }

  blocks.registerBlockType('emotional-intimacy/guide', {
    edit(props) {
      const ref = element.useRef(null);
      useEmbed(ref);
      return el(
        'div',
        blockEditor.useBlockProps(),
        el(
          blockEditor.InspectorControls,
          null,
          el(components.PanelBody, { title: __('Options', 'emotional-intimacy') }, everyday.map((o) => control(o, props.attributes, props.setAttributes))),
          // The storage name is for a second widget or a network: out of the way until asked for.
          advanced.length > 0 &&
            el(components.PanelBody, { title: __('Advanced', 'emotional-intimacy'), initialOpen: false }, advanced.map((o) => control(o, props.attributes, props.setAttributes))),
        ),
        el('div', { ref }, el(ServerSideRender, { block: 'emotional-intimacy/guide', attributes: props.attributes })),
      );
    },
    save: () => null,
  });
})(window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.serverSideRender, window.wp.i18n);
