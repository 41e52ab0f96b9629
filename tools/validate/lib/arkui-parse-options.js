'use strict';

// What ohos-typescript's parser must be told to read ArkUI pages. In ETS mode it treats
// `Name(args) { children }` as a component only when Name is in `ets.components`; any other name
// followed by a block is a syntax error. It also needs the decorator names that open a UI
// context (@Builder, @Extend, @Styles) and the name of the build method. DevEco passes the same
// kind of options from its SDK; these list the built-in components of the ArkUI API.

// Built-in ArkUI components (containers, basic components, media, drawing, and the
// ForEach/LazyForEach/Repeat render-control builders).
const ARKUI_COMPONENTS = [
  'AlphabetIndexer', 'Badge', 'Blank', 'Button', 'Calendar', 'CalendarPicker', 'Canvas', 'Checkbox',
  'CheckboxGroup', 'Circle', 'Column', 'ColumnSplit', 'ContainerSpan', 'Counter', 'DataPanel', 'DatePicker',
  'Divider', 'Ellipse', 'EmbeddedComponent', 'Flex', 'FlowItem', 'FolderStack', 'ForEach', 'FormComponent',
  'FormLink', 'Gauge', 'Grid', 'GridCol', 'GridContainer', 'GridItem', 'GridRow', 'Hyperlink', 'Image',
  'ImageAnimator', 'ImageSpan', 'IndicatorComponent', 'LazyForEach', 'Line', 'List', 'ListItem',
  'ListItemGroup', 'LoadingProgress', 'Marquee', 'Menu', 'MenuItem', 'MenuItemGroup', 'NavDestination',
  'NavRouter', 'Navigation', 'Navigator', 'NodeContainer', 'Panel', 'Path', 'PatternLock', 'PluginComponent',
  'Polygon', 'Polyline', 'Progress', 'QRCode', 'Radio', 'Rating', 'Rect', 'Refresh', 'RelativeContainer',
  'RemoteWindow', 'Repeat', 'RichEditor', 'RichText', 'Row', 'RowSplit', 'Scroll', 'ScrollBar', 'Search',
  'Select', 'Shape', 'SideBarContainer', 'Slider', 'Span', 'Stack', 'Stepper', 'StepperItem', 'Swiper',
  'SymbolGlyph', 'SymbolSpan', 'TabContent', 'Tabs', 'Text', 'TextArea', 'TextClock', 'TextInput',
  'TextPicker', 'TextTimer', 'TimePicker', 'Toggle', 'UIExtensionComponent', 'Video', 'WaterFlow', 'Web',
  'XComponent',
];

// Render-control builders whose arguments are UI callbacks, and those whose attributes are.
const PARAMS_UI_CALLBACK_COMPONENTS = ['ForEach', 'LazyForEach'];
const ATTRIBUTE_UI_CALLBACK_COMPONENTS = [{ name: 'Repeat', attributes: ['each', 'template'] }];

/** The `ets` compiler options for parsing ArkUI sources with ohos-typescript. */
function arkuiEtsOptions(components = ARKUI_COMPONENTS) {
  return {
    render: { method: ['build', 'pageTransition'], decorator: ['Builder', 'LocalBuilder'] },
    components,
    libs: [],
    extend: {
      decorator: ['Extend', 'AnimatableExtend'],
      // @Extend(Text) functions hold attribute chains of that component.
      components: components.map((name) => ({ name, type: `${name}Attribute`, instance: `${name}Instance` })),
    },
    styles: {
      decorator: 'Styles',
      component: { name: 'Common', type: 'T', instance: 'CommonInstance' },
      property: 'stateStyles',
    },
    concurrent: { decorator: 'Concurrent' },
    customComponent: 'CustomComponent',
    propertyDecorators: [],
    emitDecorators: [],
    syntaxComponents: {
      paramsUICallback: PARAMS_UI_CALLBACK_COMPONENTS,
      attrUICallback: ATTRIBUTE_UI_CALLBACK_COMPONENTS,
    },
  };
}

module.exports = { ARKUI_COMPONENTS, arkuiEtsOptions };
