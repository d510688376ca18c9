// The block in the editor: the widget's options in the sidebar, each from the options table
// (window.emotionalIntimacyOptions, from block/options.json), and the widget itself, as the
// server renders it. Plain JavaScript on WordPress's own packages: no build step.
(function (blocks, element, blockEditor, components, ServerSideRender) {
  const el = element.createElement;
  const options = window.emotionalIntimacyOptions || [];

  /** The sidebar control for one option, showing and setting its block attribute. */
  function control(option, attributes, setAttributes) {
    const value = attributes[option.attribute] || '';
    const set = (next) => setAttributes({ [option.attribute]: next });
    const label = option.label;
    switch (option.values.kind) {
      case 'one-of':
        return el(components.SelectControl, {
          key: option.name,
          label,
          value: value || option.default,
          options: option.values.allowed.map((v) => ({ label: v, value: v })),
          onChange: set,
        });
      case 'any-of': {
        const chosen = (value || option.default).split(/[\s,]+/).filter(Boolean);
        return el(
          components.BaseControl,
          { key: option.name, label },
          option.values.allowed.map((part) =>
            el(components.CheckboxControl, {
              key: part,
              label: part,
              checked: chosen.includes(part),
              onChange: (on) => set(option.values.allowed.filter((p) => (p === part ? on : chosen.includes(p))).join(' ')),
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

  blocks.registerBlockType('emotional-intimacy/guide', {
    edit(props) {
      return el(
        'div',
        blockEditor.useBlockProps(),
        el(
          blockEditor.InspectorControls,
          null,
          el(components.PanelBody, { title: 'Options' }, options.map((o) => control(o, props.attributes, props.setAttributes))),
        ),
        el(ServerSideRender, { block: 'emotional-intimacy/guide', attributes: props.attributes }),
      );
    },
    save: () => null,
  });
})(window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.serverSideRender);
